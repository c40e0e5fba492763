package io.cohortflow.radiomics;

import java.util.Arrays;

/**
 * The image-processing steps of the IBSI chain before discretisation: interpolation (target
 * spacing, kernels for image and ROI, partial-volume threshold), intensity rounding, and
 * re-segmentation (closed intensity range, mean ± 3σ outlier filtering).
 *
 * @param spacing target voxel size in mm per axis; {@code null} or 0 on an axis = not resampled
 * @param imageInterpolation kernel for the image
 * @param roundingStep round intensities to multiples of this after interpolation; NaN = no rounding
 * @param roiInterpolation kernel for the ROI mask, interpolated as 0/1 values
 * @param partialVolumeThreshold interpolated mask values {@code >=} this are in the ROI
 * @param rangeLow lower re-segmentation bound (inclusive), {@code -Infinity} if none
 * @param rangeHigh upper re-segmentation bound (inclusive), {@code +Infinity} if none
 * @param outlierFiltering whether voxels outside mean ± 3 standard deviations are removed
 */
public record ProcessingSettings(double[] spacing, Interpolation imageInterpolation,
    double roundingStep, Interpolation roiInterpolation, double partialVolumeThreshold,
    double rangeLow, double rangeHigh, boolean outlierFiltering) {

  public ProcessingSettings {
    spacing = spacing == null ? new double[3] : spacing.clone();
    if (spacing.length != 3) {
      throw new IllegalArgumentException("spacing needs 3 values: " + Arrays.toString(spacing));
    }
    if (rangeLow > rangeHigh) {
      throw new IllegalArgumentException("re-segmentation range [" + rangeLow + ", " + rangeHigh
          + "] is empty");
    }
  }

  /** No interpolation, no re-segmentation: the image as it is. */
  public static ProcessingSettings none() {
    return new ProcessingSettings(null, Interpolation.LINEAR, Double.NaN, Interpolation.LINEAR, 0.5,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
  }

  /** The same settings with another target spacing (texture families may use their own). */
  public ProcessingSettings withSpacing(double[] newSpacing) {
    return new ProcessingSettings(newSpacing, imageInterpolation, roundingStep, roiInterpolation,
        partialVolumeThreshold, rangeLow, rangeHigh, outlierFiltering);
  }

  @Override
  public double[] spacing() {
    return spacing.clone();
  }

  public boolean hasRangeLow() {
    return rangeLow != Double.NEGATIVE_INFINITY;
  }

  public boolean hasRangeHigh() {
    return rangeHigh != Double.POSITIVE_INFINITY;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessingSettings p && Arrays.equals(spacing, p.spacing)
        && imageInterpolation == p.imageInterpolation
        && Double.compare(roundingStep, p.roundingStep) == 0
        && roiInterpolation == p.roiInterpolation
        && Double.compare(partialVolumeThreshold, p.partialVolumeThreshold) == 0
        && Double.compare(rangeLow, p.rangeLow) == 0 && Double.compare(rangeHigh, p.rangeHigh) == 0
        && outlierFiltering == p.outlierFiltering;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spacing) * 31 + java.util.Objects.hash(imageInterpolation, roundingStep,
        roiInterpolation, partialVolumeThreshold, rangeLow, rangeHigh, outlierFiltering);
  }

  @Override
  public String toString() {
    return "ProcessingSettings[spacing=" + Arrays.toString(spacing) + ", image=" + imageInterpolation
        + ", rounding=" + roundingStep + ", roi=" + roiInterpolation + ", pv="
        + partialVolumeThreshold + ", range=[" + rangeLow + ", " + rangeHigh + "], outliers="
        + outlierFiltering + "]";
  }
}
