package io.cohortflow.radiomics;

import java.util.List;
import java.util.Map;

/**
 * The result of one image + ROI: the diagnostics of the processing chain, one feature row per
 * processing setting (texture spacing × texture discretisation; the non-texture features repeat on
 * each row) and the seconds spent in each stage.
 *
 * @param diagnostics IBSI diagnostic tags of the non-texture processing chain
 * @param rows feature rows in settings order
 * @param seconds stage name ({@code processing}, {@code morphology}, {@code intensity},
 *     {@code texture}) to seconds
 */
public record CaseFeatures(Map<String, Double> diagnostics, List<Row> rows,
    Map<String, Double> seconds) {

  /**
   * One processing setting's features.
   *
   * @param setting a label such as {@code scale2x2x2_FBS25}
   * @param features IBSI tag to value, families in IBSI order
   */
  public record Row(String setting, Map<String, Double> features) { }
}
