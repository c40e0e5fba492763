package io.cohortflow.radiomics;

/**
 * The IBSI interpolation grid: along each axis n_b = ceil(n_a s_a / s_b) voxels of the requested
 * spacing, centred on the input grid (origin_b = origin_a + (s_a (n_a - 1) - s_b (n_b - 1)) / 2).
 * An axis whose requested spacing is 0 (or not given) keeps its input grid. Resampling is separable
 * and pads with the nearest edge value; it can produce any box of the new grid, so that the engine
 * only interpolates around the ROI.
 */
public final class ResamplingGrid {
  private final ImageVolume input;
  private final int[] size = new int[3];
  private final double[] spacing = new double[3];
  private final double[] start = new double[3];
  private final double[] step = new double[3];

  /** @param targetSpacing mm per axis; an entry {@code <= 0} or NaN keeps that axis unchanged */
  public ResamplingGrid(ImageVolume input, double[] targetSpacing) {
    this.input = input;
    int[] n = input.dims();
    double[] s = input.spacing();
    for (int a = 0; a < 3; a++) {
      double t = targetSpacing == null ? 0 : targetSpacing[a];
      if (!(t > 0)) {
        size[a] = n[a];
        spacing[a] = s[a];
        step[a] = 1;
        start[a] = 0;
      } else {
        // A hair below the product so that 60 x 3 mm / 2 mm gives 90, not 91, despite rounding.
        size[a] = (int) Math.ceil(n[a] * s[a] / t - 1e-9);
        spacing[a] = t;
        step[a] = t / s[a];
        start[a] = (s[a] * (n[a] - 1) - t * (size[a] - 1)) / 2 / s[a];
      }
    }
  }

  public int[] size() { return size.clone(); }

  public double[] spacing() { return spacing.clone(); }

  /** Whether every axis keeps its input grid (no interpolation happens). */
  public boolean isIdentity() {
    return step[0] == 1 && step[1] == 1 && step[2] == 1 && start[0] == 0 && start[1] == 0
        && start[2] == 0;
  }

  /** Position of new voxel {@code i} along {@code axis}, in input index units. */
  public double inputPosition(int axis, int i) {
    return start[axis] + i * step[axis];
  }

  /**
   * The new voxels whose position along {@code axis} lies in [lo, hi] (input index units), widened
   * by {@code margin} new voxels and clipped to the grid: {@code {first, lastExclusive}}.
   */
  public int[] covering(int axis, double lo, double hi, int margin) {
    int first = (int) Math.ceil((lo - start[axis]) / step[axis] - 1e-9) - margin;
    int last = (int) Math.floor((hi - start[axis]) / step[axis] + 1e-9) + margin;
    return new int[] {Math.max(0, first), Math.min(size[axis], last + 1)};
  }

  /** Resamples the whole image. */
  public ImageVolume resample(ImageVolume image, Interpolation method) {
    return resample(image, method, new int[3], size());
  }

  /**
   * Resamples {@code image} (which must share the input grid) on the new voxels
   * {@code from[a] <= i < to[a]}; the result's origin is the world position of new voxel
   * {@code from}.
   */
  public ImageVolume resample(ImageVolume image, Interpolation method, int[] from, int[] to) {
    if (image.geometryMismatch(input) != null) {
      throw new IllegalArgumentException("image is not on the grid being resampled");
    }
    int[] outDims = new int[3];
    int[][] taps = new int[3][];
    double[][] weights = new double[3][];
    int[] blockLo = new int[3];
    int[] blockHi = new int[3];
    int[] n = image.dims();
    for (int a = 0; a < 3; a++) {
      outDims[a] = to[a] - from[a];
      if (outDims[a] < 1) {
        throw new IllegalArgumentException("empty resampling box along axis " + a);
      }
      int k = method.taps();
      taps[a] = new int[outDims[a] * k];
      weights[a] = new double[outDims[a] * k];
      double[] w = new double[k];
      blockLo[a] = Integer.MAX_VALUE;
      blockHi[a] = Integer.MIN_VALUE;
      for (int i = 0; i < outDims[a]; i++) {
        double x = inputPosition(a, from[a] + i);
        int first = method.firstTap(x);
        method.weights(x, w);
        for (int t = 0; t < k; t++) {
          int tap = Math.min(n[a] - 1, Math.max(0, first + t));
          taps[a][i * k + t] = tap;
          weights[a][i * k + t] = w[t];
          blockLo[a] = Math.min(blockLo[a], tap);
          blockHi[a] = Math.max(blockHi[a], tap);
        }
      }
    }
    int[] dims = new int[3];
    for (int a = 0; a < 3; a++) {
      dims[a] = blockHi[a] - blockLo[a] + 1;
      for (int j = 0; j < taps[a].length; j++) {
        taps[a][j] -= blockLo[a];
      }
    }
    double[] data = extractBlock(image, blockLo, dims);
    for (int a = 0; a < 3; a++) {
      data = resampleAxis(data, dims, a, taps[a], weights[a], method.taps(), outDims[a]);
      dims[a] = outDims[a];
    }
    return new ImageVolume(outDims[0], outDims[1], outDims[2], spacing, worldPosition(from),
        input.direction(), data);
  }

  private double[] worldPosition(int[] newIndex) {
    double[] origin = input.origin();
    double[] dir = input.direction();
    double[] s = input.spacing();
    double[] p = origin.clone();
    for (int a = 0; a < 3; a++) {
      double mm = inputPosition(a, newIndex[a]) * s[a];
      for (int c = 0; c < 3; c++) {
        p[c] += dir[3 * a + c] * mm;
      }
    }
    return p;
  }

  private static double[] extractBlock(ImageVolume image, int[] lo, int[] dims) {
    double[] out = new double[dims[0] * dims[1] * dims[2]];
    double[] v = image.voxels();
    int o = 0;
    for (int z = 0; z < dims[2]; z++) {
      for (int y = 0; y < dims[1]; y++) {
        int base = image.index(lo[0], lo[1] + y, lo[2] + z);
        System.arraycopy(v, base, out, o, dims[0]);
        o += dims[0];
      }
    }
    return out;
  }

  private static double[] resampleAxis(double[] src, int[] dims, int axis, int[] taps,
      double[] weights, int k, int outN) {
    int[] outDims = dims.clone();
    outDims[axis] = outN;
    double[] out = new double[outDims[0] * outDims[1] * outDims[2]];
    int stride = axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
    int o = 0;
    int[] c = new int[3];
    for (c[2] = 0; c[2] < outDims[2]; c[2]++) {
      for (c[1] = 0; c[1] < outDims[1]; c[1]++) {
        for (c[0] = 0; c[0] < outDims[0]; c[0]++) {
          int i = c[axis];
          int saved = c[axis];
          c[axis] = 0;
          int base = c[0] + dims[0] * (c[1] + dims[1] * c[2]);
          c[axis] = saved;
          double sum = 0;
          for (int t = 0; t < k; t++) {
            double w = weights[i * k + t];
            if (w != 0) {
              sum += w * src[base + taps[i * k + t] * stride];
            }
          }
          out[o++] = sum;
        }
      }
    }
    return out;
  }
}
