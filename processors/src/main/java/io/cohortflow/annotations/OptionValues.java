package io.cohortflow.annotations;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower-case option values nidataset accepts into this package's enums. */
final class OptionValues {
  private OptionValues() {}

  static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
        return constant;
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants())
        .map(c -> "'" + c.name().toLowerCase(Locale.ROOT) + "'")
        .collect(Collectors.joining(", "));
    throw new AnnotationUsageException("invalid " + parameter + " '" + value
        + "'. Must be one of: " + allowed + ".");
  }
}
