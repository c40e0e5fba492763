package io.cohortflow.stacks;

/**
 * The anatomical plane of a slice from ImageOrientationPatient: the normal (row × column) points
 * mostly along x (sagittal), y (coronal) or z (axial). The confidence is the magnitude of that
 * dominant component of the unit normal: 1 for a pure plane, about 0.58 for the most oblique.
 *
 * @param label SAG, COR, AX, or NA when the orientation is missing or degenerate
 * @param confidence the dominant component's magnitude, or null with NA
 */
public record SliceOrientation(String label, Double confidence) {
  private static final SliceOrientation UNKNOWN = new SliceOrientation(StackKey.MISSING, null);

  /** The orientation of six direction cosines (row x,y,z then column x,y,z). */
  public static SliceOrientation of(double[] imageOrientationPatient) {
    if (imageOrientationPatient == null || imageOrientationPatient.length != 6) {
      return UNKNOWN;
    }
    double[] r = {imageOrientationPatient[0], imageOrientationPatient[1], imageOrientationPatient[2]};
    double[] c = {imageOrientationPatient[3], imageOrientationPatient[4], imageOrientationPatient[5]};
    double nx = r[1] * c[2] - r[2] * c[1];
    double ny = r[2] * c[0] - r[0] * c[2];
    double nz = r[0] * c[1] - r[1] * c[0];
    double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (!(length > 1e-6)) {
      return UNKNOWN;
    }
    double ax = Math.abs(nx) / length;
    double ay = Math.abs(ny) / length;
    double az = Math.abs(nz) / length;
    if (ax >= ay && ax >= az) {
      return new SliceOrientation("SAG", ax);
    }
    if (ay >= az) {
      return new SliceOrientation("COR", ay);
    }
    return new SliceOrientation("AX", az);
  }
}
