package io.cohortflow.radiomics;

import java.util.List;
import java.util.Locale;

/**
 * How texture matrices are gathered over the ROI (IBSI texture aggregation): per slice and
 * averaged ({@code 2D}), merged over slices ({@code 2_5D}) or from the whole volume ({@code 3D}).
 * GLCM and GLRLM additionally come in an averaged-over-directions ({@code _avg}) and a
 * merged-directions ({@code _comb}) form for each of these.
 */
public enum TextureAggregation {
  TWO_D("2D"),
  TWO_AND_A_HALF_D("2_5D"),
  THREE_D("3D");

  private final String suffix;

  TextureAggregation(String suffix) {
    this.suffix = suffix;
  }

  /** The tag suffix, e.g. {@code 2_5D}. */
  public String suffix() { return suffix; }

  /** Tag suffixes of a family in this aggregation: {@code 2D_avg, 2D_comb} or just {@code 2D}. */
  public List<String> variantSuffixes(TextureFamily family) {
    return family.directional() ? List.of(suffix + "_avg", suffix + "_comb") : List.of(suffix);
  }

  /** Parses {@code 2D}, {@code 2.5D}, {@code 2_5D} or {@code 3D} (case-insensitive). */
  public static TextureAggregation parse(String text) {
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('.', '_');
    for (TextureAggregation aggregation : values()) {
      if (aggregation.suffix.equals(normalised)) {
        return aggregation;
      }
    }
    throw new IllegalArgumentException(
        "unknown texture aggregation '" + text + "': expected 2D, 2.5D or 3D");
  }
}
