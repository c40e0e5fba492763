package io.cohortflow.nifti;

import java.nio.ByteOrder;

/**
 * The header fields of a NIfTI-1 or NIfTI-2 file, widened to {@code long}/{@code double} so both
 * versions share one model, and the affine derived from them exactly as nibabel computes it
 * ({@link #affine()}: sform if its code is set, else qform, else the shape-and-zoom base affine).
 * Array components are copied in and out, so a header never changes after construction.
 *
 * @param version 1 or 2
 * @param byteOrder the byte order of the file it was read from (or will be written in)
 * @param dim {@code dim[0..7]}: the number of dimensions, then the size of each
 * @param datatype the voxel type
 * @param pixdim {@code pixdim[0..7]}: qfac, then voxel size along each dimension
 * @param voxOffset byte offset of the voxel data in the file
 * @param srow sform rows {@code srow_x, srow_y, srow_z}, 3×4
 */
public record NiftiHeader(
    int version,
    ByteOrder byteOrder,
    long[] dim,
    NiftiDatatype datatype,
    double[] pixdim,
    long voxOffset,
    double sclSlope,
    double sclInter,
    double calMin,
    double calMax,
    double sliceDuration,
    double toffset,
    long sliceStart,
    long sliceEnd,
    int sliceCode,
    int dimInfo,
    int xyztUnits,
    int intentCode,
    double intentP1,
    double intentP2,
    double intentP3,
    String intentName,
    String description,
    String auxFile,
    int qformCode,
    int sformCode,
    double quaternB,
    double quaternC,
    double quaternD,
    double qoffsetX,
    double qoffsetY,
    double qoffsetZ,
    double[][] srow) {

  /** nibabel's tolerance for a quaternion whose b²+c²+d² slightly exceeds 1 (3 float32 eps). */
  private static final double QUATERNION_THRESHOLD = -3 * Math.ulp(1.0f);

  public NiftiHeader {
    dim = dim.clone();
    pixdim = pixdim.clone();
    srow = new double[][] {srow[0].clone(), srow[1].clone(), srow[2].clone()};
  }

  /**
   * A NIfTI-1 header for a new little-endian image of the given shape and type: no scaling, units
   * mm and s, the affine stored as the sform (code 2, aligned) and voxel sizes from its columns.
   */
  public static NiftiHeader forImage(int[] shape, NiftiDatatype datatype, double[][] affine) {
    if (shape.length < 1 || shape.length > 7) {
      throw new IllegalArgumentException("a NIfTI image has 1 to 7 dimensions, not " + shape.length);
    }
    long[] dim = {shape.length, 1, 1, 1, 1, 1, 1, 1};
    double[] pixdim = {1, 1, 1, 1, 1, 1, 1, 1};
    for (int i = 0; i < shape.length; i++) {
      dim[i + 1] = shape[i];
    }
    for (int axis = 0; axis < 3; axis++) {
      pixdim[axis + 1] = Math.sqrt(affine[0][axis] * affine[0][axis]
          + affine[1][axis] * affine[1][axis] + affine[2][axis] * affine[2][axis]);
    }
    double[][] srow = {affine[0].clone(), affine[1].clone(), affine[2].clone()};
    return new NiftiHeader(1, ByteOrder.LITTLE_ENDIAN, dim, datatype, pixdim, 352, 1, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 2 | 8, 0, 0, 0, 0, "", "", "", 0, 2, 0, 0, 0, 0, 0, 0, srow);
  }

  /** This header with another scaling slope and intercept. */
  public NiftiHeader withScaling(double slope, double intercept) {
    return new NiftiHeader(version, byteOrder, dim, datatype, pixdim, voxOffset, slope, intercept,
        calMin, calMax, sliceDuration, toffset, sliceStart, sliceEnd, sliceCode, dimInfo, xyztUnits,
        intentCode, intentP1, intentP2, intentP3, intentName, description, auxFile, qformCode,
        sformCode, quaternB, quaternC, quaternD, qoffsetX, qoffsetY, qoffsetZ, srow);
  }

  @Override
  public long[] dim() {
    return dim.clone();
  }

  @Override
  public double[] pixdim() {
    return pixdim.clone();
  }

  @Override
  public double[][] srow() {
    return new double[][] {srow[0].clone(), srow[1].clone(), srow[2].clone()};
  }

  /** The number of dimensions, {@code dim[0]}. */
  public int ndim() {
    return (int) dim[0];
  }

  /** The size of each of the {@link #ndim()} dimensions, x first. */
  public int[] shape() {
    int[] shape = new int[ndim()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) dim[i + 1];
    }
    return shape;
  }

  /** Voxel size along x, y, z ({@code pixdim[1..3]}), in {@link #spatialUnit()}s. */
  public double[] spacing() {
    return new double[] {pixdim[1], pixdim[2], pixdim[3]};
  }

  /** The spatial unit code (bits 0-2 of {@code xyzt_units}): 0 unknown, 1 m, 2 mm, 3 µm. */
  public int spatialUnit() {
    return xyztUnits & 0x07;
  }

  /** The temporal unit code (bits 3-5 of {@code xyzt_units}): 8 s, 16 ms, 24 µs, 32 Hz, … */
  public int temporalUnit() {
    return xyztUnits & 0x38;
  }

  /** True when voxel values must be scaled: slope finite and non-zero, and not the identity. */
  public boolean hasScaling() {
    return Double.isFinite(sclSlope) && sclSlope != 0 && !(sclSlope == 1 && sclInter == 0);
  }

  /** The voxel-to-world affine (4×4) nibabel gives as {@code img.affine}. */
  public double[][] affine() {
    if (sformCode != 0) {
      return sformAffine();
    }
    if (qformCode != 0) {
      return qformAffine();
    }
    return baseAffine();
  }

  /** The sform as a 4×4 matrix. */
  public double[][] sformAffine() {
    return new double[][] {srow[0].clone(), srow[1].clone(), srow[2].clone(), {0, 0, 0, 1}};
  }

  /** The qform as a 4×4 matrix: rotation from the quaternion, times voxel sizes, plus offsets. */
  public double[][] qformAffine() {
    double b = quaternB;
    double c = quaternC;
    double d = quaternD;
    double w2 = 1.0 - (b * b + c * c + d * d);
    double a = w2 < 0 ? 0 : Math.sqrt(w2);
    if (w2 < QUATERNION_THRESHOLD) {
      throw new IllegalStateException("qform quaternion b,c,d has norm > 1");
    }
    double[][] rotation = quaternionToMatrix(a, b, c, d);
    double qfac = pixdim[0] == -1 ? -1 : 1;
    double[] zooms = {pixdim[1], pixdim[2], pixdim[3] * qfac};
    double[][] affine = new double[4][4];
    double[] offsets = {qoffsetX, qoffsetY, qoffsetZ};
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 3; col++) {
        affine[row][col] = rotation[row][col] * zooms[col];
      }
      affine[row][3] = offsets[row];
    }
    affine[3][3] = 1;
    return affine;
  }

  /** nibabel's fallback affine: voxel sizes on the diagonal (x flipped), centred on the volume. */
  public double[][] baseAffine() {
    int n = Math.min(ndim(), 3);
    double[][] affine = new double[4][4];
    for (int axis = 0; axis < 3; axis++) {
      double size = axis < n ? dim[axis + 1] : 1;
      double zoom = axis < n ? pixdim[axis + 1] : 1;
      if (axis == 0) {
        zoom = -zoom;
      }
      affine[axis][axis] = zoom;
      affine[axis][3] = -((size - 1) / 2.0) * zoom;
    }
    affine[3][3] = 1;
    return affine;
  }

  private static double[][] quaternionToMatrix(double w, double x, double y, double z) {
    double norm = w * w + x * x + y * y + z * z;
    if (norm < Math.ulp(1.0)) {
      return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }
    double s = 2.0 / norm;
    double xs = x * s;
    double ys = y * s;
    double zs = z * s;
    double wx = w * xs;
    double wy = w * ys;
    double wz = w * zs;
    double xx = x * xs;
    double xy = x * ys;
    double xz = x * zs;
    double yy = y * ys;
    double yz = y * zs;
    double zz = z * zs;
    return new double[][] {
      {1.0 - (yy + zz), xy - wz, xz + wy},
      {xy + wz, 1.0 - (xx + zz), yz - wx},
      {xz - wy, yz + wx, 1.0 - (xx + yy)}
    };
  }
}
