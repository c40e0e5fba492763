package io.cohortflow.annotations;

/**
 * The options of a slice run, as nidataset's {@code extract_slices}: view, saving mode, the size
 * slices are padded to (null: none), the padding value and whether to write the stats file.
 */
public record SliceOptions(View view, SavingMode savingMode, TargetSize targetSize,
    float padValue, boolean saveStats) {

  /** nidataset's defaults: axial, case, no padding, pad value 0, no stats. */
  public static SliceOptions defaults() {
    return new SliceOptions(View.AXIAL, SavingMode.CASE, null, 0f, false);
  }
}
