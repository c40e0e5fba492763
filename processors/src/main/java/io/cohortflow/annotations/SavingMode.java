package io.cohortflow.annotations;

/** Where outputs go: {@code CASE} into {@code out/<file name>/<view>/}, {@code VIEW} into {@code out/<view>/}. */
public enum SavingMode {
  CASE, VIEW;

  /** The value named {@code value} (lower case), or a usage error with nidataset's wording. */
  public static SavingMode parse(String value) {
    return OptionValues.parse(SavingMode.class, "saving_mode", value);
  }
}
