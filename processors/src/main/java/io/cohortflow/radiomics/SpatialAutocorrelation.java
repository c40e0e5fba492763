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
    double[] kernelRe = new double[total];
    double[] kernelIm = new double[total];
    for (int oz = -(n[2] - 1); oz <= n[2] - 1; oz++) {
      for (int oy = -(n[1] - 1); oy <= n[1] - 1; oy++) {
        for (int ox = -(n[0] - 1); ox <= n[0] - 1; ox++) {
          if (ox == 0 && oy == 0 && oz == 0) {
            continue;
          }
          double dx = ox * s[0];
          double dy = oy * s[1];
          double dz = oz * s[2];
          int i = Math.floorMod(ox, len[0]) + len[0] * (Math.floorMod(oy, len[1])
              + len[1] * Math.floorMod(oz, len[2]));
          kernelRe[i] = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
      }
    }
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
    fft.transform(kernelRe, kernelIm, false);
    fft.transform(re, im, false);
    for (int i = 0; i < total; i++) {
      re[i] *= kernelRe[i];
      im[i] *= kernelRe[i];
    }
    fft.transform(re, im, true);
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
   * In-place radix-2 complex FFT over a 3-D array of power-of-two sides (unnormalised). Along y and
   * z, all lines of a plane are transformed together (the innermost loop runs over contiguous x),
   * which keeps memory access sequential.
   */
  private static final class Fft3d {
    private final int[] len;

    Fft3d(int[] len) {
      this.len = len;
    }

    void transform(double[] re, double[] im, boolean inverse) {
      int plane = len[0] * len[1];
      for (int line = 0; line < len[1] * len[2]; line++) {
        batch(re, im, line * len[0], len[0], 1, 1, inverse);
      }
      for (int z = 0; z < len[2]; z++) {
        batch(re, im, z * plane, len[1], len[0], len[0], inverse);
      }
      batch(re, im, 0, len[2], plane, plane, inverse);
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
