package io.cohortflow.radiomics;

/**
 * What happened to one case × ROI of a batch: its features, or the error that stopped it.
 *
 * @param roiCase the table line
 * @param features the result, {@code null} when the case failed
 * @param error the reason it failed, {@code null} when it succeeded
 */
public record CaseOutcome(RoiCase roiCase, CaseFeatures features, String error) {

  public boolean succeeded() {
    return error == null;
  }
}
