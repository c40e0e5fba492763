package io.cohortflow.annotations;

/** One CSV per slice ({@code SLICE}) or one CSV per file ({@code VOLUME}). */
public enum ExtractionMode {
  SLICE, VOLUME;

  /** The value named {@code value} (lower case), or a usage error with nidataset's wording. */
  public static ExtractionMode parse(String value) {
    return OptionValues.parse(ExtractionMode.class, "extraction_mode", value);
  }
}
