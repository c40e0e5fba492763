package io.cohortflow.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes and encodes text values according to (0008,0005) Specific Character Set: the single-byte
 * ISO_IR sets, ISO_IR 192 (UTF-8), GB18030, GBK and the ISO 2022 code extensions (escape sequences
 * switching between ASCII, JIS X 0201/0208/0212, KS X 1001, GB 2312 and the ISO 8859 parts). The
 * decoding follows pydicom's: bytes before any escape use the first set, a delimiter ends a G1
 * switch.
 */
public final class SpecificCharacterSet {
  private static final byte ESC = 0x1B;
  private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

  /** The default repertoire; decoded as Latin-1 so that stray 8-bit bytes survive, as pydicom does. */
  public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[] {""}, List.of(LATIN1));

  private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
      Map.entry("", "ISO-8859-1"), Map.entry("ISO_IR 6", "ISO-8859-1"),
      Map.entry("ISO_IR 13", "Shift_JIS"), Map.entry("ISO_IR 100", "ISO-8859-1"),
      Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO_IR 109", "ISO-8859-3"),
      Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO_IR 126", "ISO-8859-7"),
      Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO_IR 138", "ISO-8859-8"),
      Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO_IR 148", "ISO-8859-9"),
      Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO_IR 203", "ISO-8859-15"),
      Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"),
      Map.entry("ISO 2022 GBK", "GBK"), Map.entry("ISO 2022 58", "GB2312"),
      Map.entry("ISO 2022 IR 6", "ISO-8859-1"), Map.entry("ISO 2022 IR 13", "Shift_JIS"),
      Map.entry("ISO 2022 IR 87", "EUC-JP"), Map.entry("ISO 2022 IR 159", "EUC-JP"),
      Map.entry("ISO 2022 IR 100", "ISO-8859-1"), Map.entry("ISO 2022 IR 101", "ISO-8859-2"),
      Map.entry("ISO 2022 IR 109", "ISO-8859-3"), Map.entry("ISO 2022 IR 110", "ISO-8859-4"),
      Map.entry("ISO 2022 IR 126", "ISO-8859-7"), Map.entry("ISO 2022 IR 127", "ISO-8859-6"),
      Map.entry("ISO 2022 IR 138", "ISO-8859-8"), Map.entry("ISO 2022 IR 144", "ISO-8859-5"),
      Map.entry("ISO 2022 IR 148", "ISO-8859-9"), Map.entry("ISO 2022 IR 166", "TIS-620"),
      Map.entry("ISO 2022 IR 149", "EUC-KR"), Map.entry("ISO 2022 IR 58", "GB2312"));

  /** Escape sequences of the ISO 2022 code elements DICOM uses, and how their bytes decode. */
  private enum Switch {
    ASCII("(B", "ISO-8859-1"), JIS_ROMAN("(J", "Shift_JIS"), JIS_KATAKANA(")I", "Shift_JIS"),
    JIS_X0208("$B", "EUC-JP"), JIS_X0212("$(D", "EUC-JP"), KS_X1001("$)C", "EUC-KR"),
    GB2312("$)A", "GB2312"), LATIN1("-A", "ISO-8859-1"), LATIN2("-B", "ISO-8859-2"),
    LATIN3("-C", "ISO-8859-3"), LATIN4("-D", "ISO-8859-4"), GREEK("-F", "ISO-8859-7"),
    ARABIC("-G", "ISO-8859-6"), HEBREW("-H", "ISO-8859-8"), CYRILLIC("-L", "ISO-8859-5"),
    LATIN5("-M", "ISO-8859-9"), THAI("-T", "TIS-620");

    final byte[] escape;
    final Charset charset;

    Switch(String escape, String charset) {
      this.escape = escape.getBytes(StandardCharsets.US_ASCII);
      this.charset = Charset.forName(charset);
    }
  }

  private static final Pattern SLOPPY_TERM = Pattern.compile("ISO[ _-]?IR[ _-]?(\\d+)");

  private final String[] terms;
  private final List<Charset> charsets;

  private SpecificCharacterSet(String[] terms, List<Charset> charsets) {
    this.terms = terms;
    this.charsets = charsets;
  }

  /** The character set named by the values of (0008,0005); unknown terms fall back to Latin-1. */
  public static SpecificCharacterSet of(String... terms) {
    if (terms == null || terms.length == 0 || (terms.length == 1 && terms[0].isBlank())) {
      return DEFAULT;
    }
    List<Charset> charsets = new ArrayList<>(terms.length);
    String[] normalised = new String[terms.length];
    for (int i = 0; i < terms.length; i++) {
      normalised[i] = normalise(terms[i]);
      String javaName = JAVA_NAMES.get(normalised[i]);
      charsets.add(javaName == null ? LATIN1 : Charset.forName(javaName));
    }
    return new SpecificCharacterSet(normalised, List.copyOf(charsets));
  }

  private static String normalise(String term) {
    String t = term.trim().toUpperCase(Locale.ROOT);
    if (JAVA_NAMES.containsKey(t)) {
      return t;
    }
    Matcher m = SLOPPY_TERM.matcher(t);
    if (m.matches()) {
      return "ISO_IR " + m.group(1);
    }
    return t.replace('-', ' ').replace('_', ' ').equals("ISO IR 192") ? "ISO_IR 192" : t;
  }

  /** The defined terms this set was built from, normalised. */
  public String[] terms() {
    return terms.clone();
  }

  /** The charset of the first term (the one bytes without escape sequences are decoded with). */
  public Charset primary() {
    return charsets.get(0);
  }

  /** True when values may switch character sets with ISO 2022 escape sequences. */
  public boolean usesCodeExtensions() {
    return terms.length > 1 || terms[0].startsWith("ISO 2022");
  }

  /**
   * Decodes one value (already split on backslashes). {@code personName} makes '^' and '='
   * end a G1 switch, as text delimiters (CR, LF, TAB, FF) do for other VRs.
   */
  public String decode(byte[] bytes, int offset, int length, boolean personName) {
    if (!containsEscape(bytes, offset, length)) {
      return new String(bytes, offset, length, primary());
    }
    StringBuilder out = new StringBuilder(length);
    int end = offset + length;
    int start = offset;
    while (start < end) {
      int next = indexOfEscape(bytes, start + 1, end);
      if (bytes[start] == ESC) {
        decodeEscapedFragment(bytes, start, next, personName, out);
      } else {
        out.append(new String(bytes, start, next - start, primary()));
      }
      start = next;
    }
    return out.toString();
  }

  private void decodeEscapedFragment(byte[] b, int start, int end, boolean personName, StringBuilder out) {
    Switch sw = matchSwitch(b, start + 1, end);
    if (sw == null) {
      out.append(new String(b, start, end - start, primary()));
      return;
    }
    int from = start + 1 + sw.escape.length;
    if (sw == Switch.JIS_X0208 || sw == Switch.JIS_X0212) {
      out.append(decodeJis(b, from, end, sw == Switch.JIS_X0212));
      return;
    }
    int delimiter = from;
    while (delimiter < end && !isDelimiter(b[delimiter], personName)) {
      delimiter++;
    }
    out.append(new String(b, from, delimiter - from, sw.charset));
    out.append(new String(b, delimiter, end - delimiter, primary()));
  }

  /** JIS X 0208/0212 bytes in ISO 2022 form are EUC-JP bytes with the high bit cleared. */
  private static String decodeJis(byte[] b, int from, int end, boolean supplementary) {
    int pairs = (end - from) / 2;
    byte[] euc = new byte[pairs * (supplementary ? 3 : 2)];
    int o = 0;
    for (int i = 0; i < pairs; i++) {
      if (supplementary) {
        euc[o++] = (byte) 0x8F;
      }
      euc[o++] = (byte) (b[from + 2 * i] | 0x80);
      euc[o++] = (byte) (b[from + 2 * i + 1] | 0x80);
    }
    return new String(euc, Switch.JIS_X0208.charset);
  }

  private static Switch matchSwitch(byte[] b, int from, int end) {
    for (Switch sw : Switch.values()) {
      if (from + sw.escape.length <= end && regionEquals(b, from, sw.escape)) {
        return sw;
      }
    }
    return null;
  }

  private static boolean regionEquals(byte[] b, int from, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (b[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDelimiter(byte b, boolean personName) {
    return personName ? b == '^' : b == 0x0D || b == 0x0A || b == 0x09 || b == 0x0C;
  }

  private static boolean containsEscape(byte[] b, int offset, int length) {
    return indexOfEscape(b, offset, offset + length) < offset + length;
  }

  private static int indexOfEscape(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] == ESC) {
        return i;
      }
    }
    return end;
  }

  /**
   * Encodes a value for writing. Only sets without code extensions can encode; others throw
   * {@link IllegalArgumentException} (the writer does not produce ISO 2022 escapes).
   */
  public byte[] encode(String value) {
    if (usesCodeExtensions() && !isAscii(value)) {
      throw new IllegalArgumentException(
          "Writing non-ASCII text with ISO 2022 code extensions is not supported: " + String.join("\\", terms));
    }
    return value.getBytes(primary());
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }
}
