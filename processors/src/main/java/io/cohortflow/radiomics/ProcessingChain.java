package io.cohortflow.radiomics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IBSI image-processing chain: interpolation of image and ROI on the centred grid, intensity
 * rounding, partial-volume thresholding of the interpolated ROI, re-segmentation by range and by
 * mean ± 3σ, giving the morphological and intensity masks. Only the part of the new grid around the
 * ROI (plus the margin the local-intensity sphere needs) is interpolated, so the work follows the ROI
 * size; the whole interpolated image is computed only when its diagnostics are asked for.
 */
public final class ProcessingChain {
  /** Radius of the 1 cm³ sphere of the local intensity peak, in mm; the crop keeps this margin. */
  static final double PEAK_RADIUS_MM = Math.cbrt(3.0 / (4 * Math.PI)) * 10;

  /**
   * Rounding slack when comparing the interpolated mask with the partial-volume threshold: an exact
   * 0.5 computed as 0.49999999999999994 must still count as 0.5.
   */
  private static final double THRESHOLD_SLACK = 1e-9;

  private final ProcessingSettings settings;
  private final boolean wholeImageDiagnostics;

  /**
   * @param wholeImageDiagnostics also interpolate the whole image to report its mean, minimum and
   *     maximum ({@code *_interp_img}); costs a full-image interpolation
   */
  public ProcessingChain(ProcessingSettings settings, boolean wholeImageDiagnostics) {
    this.settings = settings;
    this.wholeImageDiagnostics = wholeImageDiagnostics;
  }

  /**
   * Runs the chain.
   *
   * @param mask the ROI as 0/1 values on the image grid
   * @throws RadiomicsException when the grids differ or the ROI is empty at some step
   */
  public ProcessedRoi run(ImageVolume image, ImageVolume mask) {
    String mismatch = image.geometryMismatch(mask);
    if (mismatch != null) {
      throw new RadiomicsException("image and mask geometry differ: " + mismatch);
    }
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    boolean[] initialMask = threshold(mask.voxels(), 0.5);
    imageDiagnostics(diagnostics, "init_img", image.dims(), image.spacing(), image.voxels());
    int[][] box = boundingBox(initialMask, image.dims());
    if (box == null) {
      throw new RadiomicsException("empty ROI: the mask has no voxel");
    }
    roiDiagnostics(diagnostics, "init_roi", image, initialMask, initialMask);

    ResamplingGrid grid = new ResamplingGrid(image, settings.spacing());
    boolean identity = grid.isIdentity();
    Interpolation imageKernel = identity ? Interpolation.NEAREST : settings.imageInterpolation();
    Interpolation roiKernel = identity ? Interpolation.NEAREST : settings.roiInterpolation();
    int[] from = new int[3];
    int[] to = new int[3];
    double[] newSpacing = grid.spacing();
    for (int a = 0; a < 3; a++) {
      int margin = (int) Math.ceil(PEAK_RADIUS_MM / newSpacing[a]) + 1;
      int reach = roiKernel.taps() / 2;
      int[] range = grid.covering(a, box[0][a] - reach, box[1][a] + reach, margin);
      from[a] = range[0];
      to[a] = range[1];
    }
    ImageVolume cropped = grid.resample(image, imageKernel, from, to);
    round(cropped.voxels());
    if (wholeImageDiagnostics) {
      ImageVolume whole = identity ? image : grid.resample(image, imageKernel);
      if (!identity) {
        round(whole.voxels());
      }
      imageDiagnostics(diagnostics, "interp_img", grid.size(), newSpacing, whole.voxels());
    } else {
      gridDiagnostics(diagnostics, "interp_img", grid.size(), newSpacing);
    }
    ImageVolume maskValues = grid.resample(mask.withVoxels(asZeroOne(initialMask)), roiKernel, from,
        to);
    boolean[] morph = threshold(maskValues.voxels(),
        identity ? 0.5 : settings.partialVolumeThreshold());
    if (boundingBox(morph, cropped.dims()) == null) {
      throw new RadiomicsException("empty ROI after interpolation");
    }
    roiDiagnostics(diagnostics, "interp_roi", grid.size(), cropped, morph, morph);
    boolean[] intensity = resegment(cropped.voxels(), morph);
    if (boundingBox(intensity, cropped.dims()) == null) {
      throw new RadiomicsException("empty ROI after re-segmentation to [" + settings.rangeLow() + ", "
          + settings.rangeHigh() + "]");
    }
    roiDiagnostics(diagnostics, "reseg_roi", grid.size(), cropped, intensity, morph);
    return new ProcessedRoi(cropped, morph, intensity, settings, diagnostics);
  }

  private void round(double[] v) {
    double step = settings.roundingStep();
    if (Double.isNaN(step)) {
      return;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.floor(v[i] / step + 0.5) * step;
    }
  }

  private boolean[] resegment(double[] v, boolean[] morph) {
    boolean[] out = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = morph[i] && v[i] >= settings.rangeLow() && v[i] <= settings.rangeHigh();
    }
    if (settings.outlierFiltering()) {
      double sum = 0;
      double sumSq = 0;
      long n = 0;
      for (int i = 0; i < v.length; i++) {
        if (out[i]) {
          sum += v[i];
          n++;
        }
      }
      double mean = sum / n;
      for (int i = 0; i < v.length; i++) {
        if (out[i]) {
          sumSq += (v[i] - mean) * (v[i] - mean);
        }
      }
      double sd = Math.sqrt(sumSq / n);
      for (int i = 0; i < v.length; i++) {
        out[i] = out[i] && v[i] >= mean - 3 * sd && v[i] <= mean + 3 * sd;
      }
    }
    return out;
  }

  private static boolean[] threshold(double[] v, double level) {
    boolean[] out = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] >= level - THRESHOLD_SLACK;
    }
    return out;
  }

  private static double[] asZeroOne(boolean[] mask) {
    double[] out = new double[mask.length];
    for (int i = 0; i < mask.length; i++) {
      out[i] = mask[i] ? 1 : 0;
    }
    return out;
  }

  /** {@code {min, max}} index per axis of the voxels in the mask, or {@code null} when empty. */
  static int[][] boundingBox(boolean[] mask, int[] dims) {
    int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    int[] hi = {-1, -1, -1};
    int i = 0;
    for (int z = 0; z < dims[2]; z++) {
      for (int y = 0; y < dims[1]; y++) {
        for (int x = 0; x < dims[0]; x++, i++) {
          if (mask[i]) {
            lo[0] = Math.min(lo[0], x);
            lo[1] = Math.min(lo[1], y);
            lo[2] = Math.min(lo[2], z);
            hi[0] = Math.max(hi[0], x);
            hi[1] = Math.max(hi[1], y);
            hi[2] = Math.max(hi[2], z);
          }
        }
      }
    }
    return hi[0] < 0 ? null : new int[][] {lo, hi};
  }

  private static void gridDiagnostics(Map<String, Double> d, String step, int[] dims,
      double[] spacing) {
    String[] axes = {"x", "y", "z"};
    for (int a = 0; a < 3; a++) {
      d.put("img_dim_" + axes[a] + "_" + step, (double) dims[a]);
    }
    for (int a = 0; a < 3; a++) {
      d.put("vox_dim_" + axes[a] + "_" + step, spacing[a]);
    }
  }

  private static void imageDiagnostics(Map<String, Double> d, String step, int[] dims,
      double[] spacing, double[] values) {
    gridDiagnostics(d, step, dims, spacing);
    double[] stats = meanMinMax(values, null);
    d.put("mean_int_" + step, stats[0]);
    d.put("min_int_" + step, stats[1]);
    d.put("max_int_" + step, stats[2]);
  }

  private static void roiDiagnostics(Map<String, Double> d, String step, ImageVolume image,
      boolean[] intensity, boolean[] morph) {
    roiDiagnostics(d, step, image.dims(), image, intensity, morph);
  }

  private static void roiDiagnostics(Map<String, Double> d, String step, int[] gridDims,
      ImageVolume image, boolean[] intensity, boolean[] morph) {
    String[] axes = {"x", "y", "z"};
    for (int a = 0; a < 3; a++) {
      d.put("int_mask_dim_" + axes[a] + "_" + step, (double) gridDims[a]);
    }
    int[][] intBox = boundingBox(intensity, image.dims());
    int[][] morphBox = boundingBox(morph, image.dims());
    for (int a = 0; a < 3; a++) {
      d.put("int_mask_bb_dim_" + axes[a] + "_" + step, (double) (intBox[1][a] - intBox[0][a] + 1));
    }
    for (int a = 0; a < 3; a++) {
      d.put("morph_mask_bb_dim_" + axes[a] + "_" + step,
          (double) (morphBox[1][a] - morphBox[0][a] + 1));
    }
    d.put("int_mask_vox_count_" + step, (double) count(intensity));
    d.put("morph_mask_vox_count_" + step, (double) count(morph));
    double[] stats = meanMinMax(image.voxels(), intensity);
    d.put("int_mask_mean_int_" + step, stats[0]);
    d.put("int_mask_min_int_" + step, stats[1]);
    d.put("int_mask_max_int_" + step, stats[2]);
  }

  private static long count(boolean[] mask) {
    long n = 0;
    for (boolean b : mask) {
      if (b) {
        n++;
      }
    }
    return n;
  }

  private static double[] meanMinMax(double[] v, boolean[] mask) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long n = 0;
    for (int i = 0; i < v.length; i++) {
      if (mask == null || mask[i]) {
        sum += v[i];
        min = Math.min(min, v[i]);
        max = Math.max(max, v[i]);
        n++;
      }
    }
    return new double[] {sum / n, min, max};
  }
}
