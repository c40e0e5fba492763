package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IBSI local intensity features: the mean intensity in a 1 cm³ sphere (radius 6.2 mm) centred on a
 * voxel, over every image voxel whose centre lies in the sphere (inside or outside the ROI, inside
 * the image). Local peak: that mean around the ROI voxel of highest intensity (the highest such mean
 * when several voxels share the maximum). Global peak: the highest such mean over all ROI voxels.
 */
public final class LocalIntensity {
  private LocalIntensity() {
  }

  public static Map<String, Double> compute(ProcessedRoi roi) {
    ImageVolume image = roi.image();
    int[][] offsets = sphereOffsets(image.spacing());
    boolean[] mask = roi.intensityMask();
    double[] v = image.voxels();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      if (mask[i]) {
        max = Math.max(max, v[i]);
      }
    }
    double local = Double.NEGATIVE_INFINITY;
    double global = Double.NEGATIVE_INFINITY;
    int i = 0;
    for (int z = 0; z < image.nz(); z++) {
      for (int y = 0; y < image.ny(); y++) {
        for (int x = 0; x < image.nx(); x++, i++) {
          if (mask[i]) {
            double mean = sphereMean(image, offsets, x, y, z);
            global = Math.max(global, mean);
            if (v[i] == max) {
              local = Math.max(local, mean);
            }
          }
        }
      }
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("loc_peak_loc", local);
    f.put("loc_peak_glob", global);
    return f;
  }

  private static double sphereMean(ImageVolume image, int[][] offsets, int x, int y, int z) {
    double sum = 0;
    int n = 0;
    for (int[] o : offsets) {
      int xx = x + o[0];
      int yy = y + o[1];
      int zz = z + o[2];
      if (xx >= 0 && yy >= 0 && zz >= 0 && xx < image.nx() && yy < image.ny() && zz < image.nz()) {
        sum += image.get(xx, yy, zz);
        n++;
      }
    }
    return sum / n;
  }

  /** Index offsets of the voxel centres within the 1 cm³ sphere around a voxel centre. */
  static int[][] sphereOffsets(double[] spacing) {
    double r = ProcessingChain.PEAK_RADIUS_MM;
    int[] reach = new int[3];
    for (int a = 0; a < 3; a++) {
      reach[a] = (int) Math.floor(r / spacing[a]);
    }
    List<int[]> out = new ArrayList<>();
    for (int dz = -reach[2]; dz <= reach[2]; dz++) {
      for (int dy = -reach[1]; dy <= reach[1]; dy++) {
        for (int dx = -reach[0]; dx <= reach[0]; dx++) {
          double ex = dx * spacing[0];
          double ey = dy * spacing[1];
          double ez = dz * spacing[2];
          if (ex * ex + ey * ey + ez * ez <= r * r) {
            out.add(new int[] {dx, dy, dz});
          }
        }
      }
    }
    return out.toArray(new int[0][]);
  }
}
