package io.cohortflow.radiomics;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The texture rows of an IBSI reference-value CSV and the IBSI pass rule: the computed value
 * rounded to 3 significant digits lies within the tolerance of the reference value. Rows without
 * a reference value are not standardised and are skipped.
 */
final class TextureReference {
  private static final List<String> PREFIXES = List.of("cm_", "rlm_", "szm_", "dzm_", "ngt_", "ngl_");

  /** One checked row. */
  record Row(String tag, double reference, double tolerance) {}

  /** One row's outcome. */
  record Outcome(Row row, double value, boolean passed) {}

  private TextureReference() {}

  /** Texture rows of a reference CSV; {@code configuration} null for the digital phantom. */
  static List<Row> read(Path csv, String configuration) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .get().parse(reader)) {
        String tag = record.get("tag");
        boolean texture = isTextureTag(tag);
        boolean wanted = configuration == null || configuration.equals(record.get("configuration"));
        if (texture && wanted && !record.get("reference_value").isBlank()) {
          rows.add(new Row(tag, Double.parseDouble(record.get("reference_value")),
              Double.parseDouble(record.get("tolerance"))));
        }
      }
    }
    return rows;
  }

  static boolean isTextureTag(String tag) {
    return PREFIXES.stream().anyMatch(tag::startsWith);
  }

  static boolean passes(double value, Row row) {
    if (!Double.isFinite(value)) {
      return false;
    }
    double rounded = value == 0 ? 0
        : new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP)).doubleValue();
    // A relative epsilon absorbs the binary representation of decimal references and tolerances.
    double slack = 1e-9 * Math.max(1, Math.abs(row.reference()));
    return Math.abs(rounded - row.reference()) <= row.tolerance() + slack;
  }

  /** Checks every row against the computed values; a missing tag fails. */
  static List<Outcome> check(List<Row> rows, Map<String, Double> computed) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Row row : rows) {
      Double value = computed.get(row.tag());
      double v = value == null ? Double.NaN : value;
      outcomes.add(new Outcome(row, v, passes(v, row)));
    }
    return outcomes;
  }

  /** A pass/fail table, one line per row. */
  static String table(String title, List<Outcome> outcomes) {
    StringBuilder table = new StringBuilder(title).append('\n');
    table.append(String.format(Locale.ROOT, "%-32s %14s %14s %12s  %s%n", "tag", "value",
        "reference", "tolerance", "result"));
    long passed = 0;
    for (Outcome o : outcomes) {
      passed += o.passed() ? 1 : 0;
      table.append(String.format(Locale.ROOT, "%-32s %14.6g %14.6g %12.3g  %s%n", o.row().tag(),
          o.value(), o.row().reference(), o.row().tolerance(), o.passed() ? "pass" : "FAIL"));
    }
    table.append(passed).append('/').append(outcomes.size()).append(" passed\n");
    return table.toString();
  }
}
