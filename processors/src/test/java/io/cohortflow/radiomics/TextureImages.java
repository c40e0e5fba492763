package io.cohortflow.radiomics;

import java.util.EnumSet;

/** Small hand-made discretised images for the texture builders' unit tests. */
final class TextureImages {
  private TextureImages() {}

  /**
   * One slice from rows of grey levels ({@code rows[y][x]}, 0 = outside the ROI); the
   * morphological mask equals the intensity mask.
   */
  static DiscretisedImage slice(int greyLevels, int[]... rows) {
    int ny = rows.length;
    int nx = rows[0].length;
    int[] levels = new int[nx * ny];
    boolean[] mask = new boolean[levels.length];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        levels[x + nx * y] = rows[y][x];
        mask[x + nx * y] = rows[y][x] > 0;
      }
    }
    return new DiscretisedImage(nx, ny, 1, new double[] {1, 1, 1}, levels, mask, greyLevels);
  }

  /** Settings for one family in the given aggregations, with a GLCM distance. */
  static TextureSettings settings(TextureFamily family, int distance,
      TextureAggregation first, TextureAggregation... rest) {
    return new TextureSettings(EnumSet.of(family), EnumSet.of(first, rest), distance);
  }
}
