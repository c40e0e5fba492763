package io.cohortflow.annotations;

/** What a row holds: the centre, the bounding box, or the centre and the radii. */
public enum DataMode {
  CENTER, BOX, RADIUS;

  /** The value named {@code value} (lower case), or a usage error with nidataset's wording. */
  public static DataMode parse(String value) {
    return OptionValues.parse(DataMode.class, "data_mode", value);
  }
}
