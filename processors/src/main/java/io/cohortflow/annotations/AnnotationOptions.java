package io.cohortflow.annotations;

/**
 * The options of an annotation run, mirroring nidataset's parameters ({@code view},
 * {@code saving_mode}, {@code extraction_mode}, {@code data_mode}, {@code target_size},
 * {@code save_stats}) plus two extensions that are off by default so the output stays identical:
 * a connected-component split and world coordinates from the affine.
 *
 * @param targetSize null for no padding
 * @param physical also write the annotation centre in world coordinates (mm)
 */
public record AnnotationOptions(
    View view,
    SavingMode savingMode,
    ExtractionMode extractionMode,
    DataMode dataMode,
    TargetSize targetSize,
    boolean saveStats,
    ComponentSplit split,
    boolean physical) {

  /** nidataset's defaults: axial, case, slice, center, no target size, no stats. */
  public static AnnotationOptions defaults() {
    return new AnnotationOptions(View.AXIAL, SavingMode.CASE, ExtractionMode.SLICE,
        DataMode.CENTER, null, false, ComponentSplit.NONE, false);
  }
}
