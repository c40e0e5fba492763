package io.cohortflow.radiomics;

/**
 * Moran's I and Geary's C of the intensities in the intensity mask, with weights w_ij = 1 / (world
 * distance between voxel centres) over all pairs i ≠ j. Both reduce to sums of the form
 * Σ_i a_i (K * b)_i, where K is the 1/r kernel: small ROIs sum the pairs directly; larger ones do
 * the same sums exactly (up to floating-point rounding) through one zero-padded FFT convolution, in
 * O(n log n) instead of O(n²) voxel pairs.
 */
final class SpatialAutocorrelation {
  /** Above this many voxels the pair sums go through the FFT. */
  static final int DIRECT_LIMIT = 3000;

  private static final java.util.Map<String, double[]> KERNELS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private SpatialAutocorrelation() {
  }

  /** {Moran's I, Geary's C}. */
  static double[] compute(ProcessedRoi roi) {
    return compute(roi, roi.intensities().length > DIRECT_LIMIT);
  }

  static double[] compute(ProcessedRoi roi, boolean useFft) {
    ImageVolume image = roi.image();
    boolean[] mask = roi.intensityMask();
    int[][] box = ProcessingChain.boundingBox(mask, image.dims());
    int[] n = new int[3];
    for (int a = 0; a < 3; a++) {
      n[a] = box[1][a] - box[0][a] + 1;
    }
    int count = 0;
    double sum = 0;
    double[] v = image.voxels();
    for (int i = 0; i < v.length; i++) {
      if (mask[i]) {
        count++;
        sum += v[i];
      }
    }
    double mean = sum / count;
    int[] coords = new int[3 * count];
    double[] dev = new double[count];
    int k = 0;
    for (int z = box[0][2]; z <= box[1][2]; z++) {
      for (int y = box[0][1]; y <= box[1][1]; y++) {
        for (int x = box[0][0]; x <= box[1][0]; x++) {
          int i = image.index(x, y, z);
          if (mask[i]) {
            coords[3 * k] = x - box[0][0];
            coords[3 * k + 1] = y - box[0][1];
            coords[3 * k + 2] = z - box[0][2];
            dev[k++] = v[i] - mean;
          }
        }
      }
    }
    double[] sums = useFft ? fftSums(coords, dev, n, image.spacing())
        : directSums(coords, dev, image.spacing());
    double weightSum = sums[0];
    double moranNumerator = sums[1];
    double gearyNumerator = sums[2];
    double sumSq = 0;
    for (double d : dev) {
      sumSq += d * d;
    }
    if (count < 2 || sumSq == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double moran = count / weightSum * moranNumerator / sumSq;
    double geary = (count - 1) * gearyNumerator / (2 * weightSum * sumSq);
    return new double[] {moran, geary};
  }

  /** {Σ w_ij, Σ w_ij d_i d_j, Σ w_ij (d_i - d_j)²} over ordered pairs i ≠ j. */
  private static double[] directSums(int[] c, double[] d, double[] s) {
    double w = 0;
    double moran = 0;
    double geary = 0;
    for (int i = 0; i < d.length; i++) {
      for (int j = i + 1; j < d.length; j++) {
        double dx = (c[3 * i] - c[3 * j]) * s[0];
        double dy = (c[3 * i + 1] - c[3 * j + 1]) * s[1];
        double dz = (c[3 * i + 2] - c[3 * j + 2]) * s[2];
        double wij = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
        w += wij;
        moran += wij * d[i] * d[j];
        double diff = d[i] - d[j];
        geary += wij * diff * diff;
      }
    }
    return new double[] {2 * w, 2 * moran, 2 * geary};
  }

  private static double[] fftSums(int[] c, double[] d, int[] n, double[] s) {
    int[] len = new int[3];
    for (int a = 0; a < 3; a++) {
      len[a] = Integer.highestOneBit(Math.max(1, 2 * n[a] - 1) - 1) << 1;
      len[a] = Math.max(len[a], 1);
    }
    int total = len[0] * len[1] * len[2];
    double[] kernel = kernelSpectrum(len, s);
    // Mask in the real part, deviations in the imaginary part: the kernel is real and even, so one
    // complex convolution gives K * mask and K * deviation at once.
    double[] re = new double[total];
    double[] im = new double[total];
    for (int k = 0; k < d.length; k++) {
      int i = c[3 * k] + len[0] * (c[3 * k + 1] + len[1] * c[3 * k + 2]);
      re[i] = 1;
      im[i] = d[k];
    }
    Fft3d fft = new Fft3d(len);
    fft.transform(re, im, false, n);
    for (int i = 0; i < total; i++) {
      re[i] *= kernel[i];
      im[i] *= kernel[i];
    }
    fft.transform(re, im, true, n);
    double w = 0;
    double moran = 0;
    double weightedSq = 0;
    for (int k = 0; k < d.length; k++) {
      int i = c[3 * k] + len[0] * (c[3 * k + 1] + len[1] * c[3 * k + 2]);
      double kMask = re[i] / total;
      double kDev = im[i] / total;
      w += kMask;
      moran += d[k] * kDev;
      weightedSq += d[k] * d[k] * kMask;
    }
    return new double[] {w, moran, 2 * weightedSq - 2 * moran};
  }

  /**
   * The spectrum of the 1/r kernel on a padded grid. Pairs of voxels inside the ROI box only ever
   * use offsets below n per axis, and the grid is at least 2n - 1 long, so the kernel can be
   * defined for every wrapped offset: it then depends only on the grid size and the spacing, and a
   * batch whose ROIs share a padded size and spacing computes it once. Kept for a few geometries.
   */
  private static double[] kernelSpectrum(int[] len, double[] s) {
    String key = java.util.Arrays.toString(len) + java.util.Arrays.toString(s);
    double[] cached = KERNELS.get(key);
    if (cached != null) {
      return cached;
    }
    int total = len[0] * len[1] * len[2];
    double[] re = new double[total];
    double[] im = new double[total];
    int i = 0;
    for (int z = 0; z < len[2]; z++) {
      double dz = wrapped(z, len[2]) * s[2];
      for (int y = 0; y < len[1]; y++) {
        double dy = wrapped(y, len[1]) * s[1];
        for (int x = 0; x < len[0]; x++, i++) {
          double dx = wrapped(x, len[0]) * s[0];
          double r2 = dx * dx + dy * dy + dz * dz;
          re[i] = r2 == 0 ? 0 : 1 / Math.sqrt(r2);
        }
      }
    }
    new Fft3d(len).transform(re, im, false);
    synchronized (KERNELS) {
      if (KERNELS.size() >= 4) {
        KERNELS.clear();
      }
      KERNELS.put(key, re);
    }
    return re;
  }

  private static int wrapped(int index, int length) {
    return index <= length / 2 ? index : index - length;
  }

  /**
   * In-place radix-2 complex FFT over a 3-D array of power-of-two sides (unnormalised). Along y and
   * z, all lines of a plane are transformed together (the innermost loop runs over contiguous x),
   * which keeps memory access sequential.
   */
  private static final class Fft3d {
    private final int[] len;

    Fft3d(int[] len) {
      this.len = len;
    }

    /** Full transform (the kernel). */
    void transform(double[] re, double[] im, boolean inverse) {
      transform(re, im, inverse, len);
    }

    /**
     * Forward: the input is zero outside the box {@code [0, extent)}, so lines and planes that are
     * all zero are skipped. Inverse: only values inside the box are wanted, so only the lines and
     * planes leading to them are computed. Both roughly halve the work of a zero-padded transform.
     */
    void transform(double[] re, double[] im, boolean inverse, int[] extent) {
      int plane = len[0] * len[1];
      if (!inverse) {
        xPass(re, im, false, extent);
        yPass(re, im, false, extent);
        batch(re, im, 0, len[2], plane, plane, false);
      } else {
        batch(re, im, 0, len[2], plane, plane, true);
        yPass(re, im, true, extent);
        xPass(re, im, true, extent);
      }
    }

    private void xPass(double[] re, double[] im, boolean inverse, int[] extent) {
      for (int z = 0; z < extent[2]; z++) {
        for (int y = 0; y < extent[1]; y++) {
          batch(re, im, (z * len[1] + y) * len[0], len[0], 1, 1, inverse);
        }
      }
    }

    private void yPass(double[] re, double[] im, boolean inverse, int[] extent) {
      for (int z = 0; z < extent[2]; z++) {
        batch(re, im, z * len[0] * len[1], len[1], len[0], len[0], inverse);
      }
    }

    /**
     * Transforms {@code count} interleaved sequences of length {@code n}: element t of sequence j
     * is at {@code base + t * stride + j}.
     */
    private static void batch(double[] re, double[] im, int base, int n, int stride, int count,
        boolean inverse) {
      if (n == 1) {
        return;
      }
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
          j ^= bit;
        }
        j ^= bit;
        if (i < j) {
          int a = base + i * stride;
          int b = base + j * stride;
          for (int k = 0; k < count; k++) {
            double t = re[a + k];
            re[a + k] = re[b + k];
            re[b + k] = t;
            t = im[a + k];
            im[a + k] = im[b + k];
            im[b + k] = t;
          }
        }
      }
      for (int size = 2; size <= n; size <<= 1) {
        int half = size / 2;
        double angle = (inverse ? 2 : -2) * Math.PI / size;
        for (int k = 0; k < half; k++) {
          double cr = Math.cos(angle * k);
          double ci = Math.sin(angle * k);
          for (int start = 0; start < n; start += size) {
            int p = base + (start + k) * stride;
            int q = p + half * stride;
            for (int j = 0; j < count; j++) {
              double tr = re[q + j] * cr - im[q + j] * ci;
              double ti = re[q + j] * ci + im[q + j] * cr;
              re[q + j] = re[p + j] - tr;
              im[q + j] = im[p + j] - ti;
              re[p + j] += tr;
              im[p + j] += ti;
            }
          }
        }
      }
    }
  }
}
