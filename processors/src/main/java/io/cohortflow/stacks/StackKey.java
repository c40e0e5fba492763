package io.cohortflow.stacks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The text of a stack key and its parts, e.g. {@code MR|TE=2.5|TI=900|FA=9|ECHO=1|TYPE=M|ORIENT=SAG}.
 * Numbers are rounded half-even to a fixed number of decimals and printed in their shortest plain
 * form; a missing value prints {@code NA}. The same inputs always give the same text.
 */
public final class StackKey {
  /** Printed for a missing value. */
  public static final String MISSING = "NA";

  private StackKey() {}

  /** {@code value} rounded half-even to {@code decimals}, shortest plain form; NA when null. */
  public static String number(Double value, int decimals) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return MISSING;
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN);
    if (rounded.signum() == 0) {
      return "0";
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** An integer, or NA. */
  public static String integer(Integer value) {
    return value == null ? MISSING : value.toString();
  }

  /** Free text in upper case with the key's separators replaced, or NA when blank. */
  public static String text(String value) {
    if (value == null || value.isBlank()) {
      return MISSING;
    }
    return value.trim().toUpperCase(Locale.ROOT).replace('|', '/').replace('=', '-');
  }

  /**
   * TYPE from the third value of ImageType: M/MAGNITUDE → M, P/PHASE → P, R/REAL → R,
   * I/IMAGINARY → I, anything else verbatim in upper case; NA when there is no third value.
   */
  public static String imageType(String imageType) {
    if (imageType == null) {
      return MISSING;
    }
    String[] values = imageType.split("\\\\");
    if (values.length < 3) {
      return MISSING;
    }
    String third = text(values[2]);
    return switch (third) {
      case "M", "MAGNITUDE" -> "M";
      case "P", "PHASE" -> "P";
      case "R", "REAL" -> "R";
      case "I", "IMAGINARY" -> "I";
      default -> third;
    };
  }
}
