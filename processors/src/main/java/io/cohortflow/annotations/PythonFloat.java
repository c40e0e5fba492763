package io.cohortflow.annotations;

import java.math.BigDecimal;

/**
 * Formats doubles as Python's {@code str(float)} does, so CSV cells match nidataset's byte for
 * byte: always a decimal point ({@code 5.0}, {@code 3.5}), positional notation from 1e-4 up to
 * 1e16, and {@code 1e-05} / {@code 1e+16} style exponents outside that range.
 */
final class PythonFloat {
  private static final double POSITIONAL_MIN = 1e-4;
  private static final double POSITIONAL_MAX = 1e16;

  private PythonFloat() {}

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value));
    double magnitude = Math.abs(value);
    if (magnitude >= POSITIONAL_MIN && magnitude < POSITIONAL_MAX) {
      String plain = shortest.stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    BigDecimal unscaled = shortest.stripTrailingZeros();
    int exponent = unscaled.precision() - unscaled.scale() - 1;
    String digits = unscaled.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (value < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+")
        + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }
}
