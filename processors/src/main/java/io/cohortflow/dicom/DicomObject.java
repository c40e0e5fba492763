package io.cohortflow.dicom;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A DICOM dataset (or a sequence item): elements sorted by tag, each with its VR and its value kept
 * as encoded bytes (usually a slice of the buffer the reader read) and decoded on demand by the typed
 * getters. Text is decoded with the Specific Character Set in force (the item's own or its parent's)
 * with the padding DICOM allows removed; bad DS/IS/DA/TM/DT values read as null/NaN, never throw.
 * The {@code put} methods build datasets for {@link DicomWriter}.
 */
public final class DicomObject {
  private static final int[] NO_INTS = new int[0];
  private static final double[] NO_DOUBLES = new double[0];
  private static final String[] NO_STRINGS = new String[0];
  private static final DicomObject[] NO_ITEMS = new DicomObject[0];

  private final DicomObject parent;
  private final boolean bigEndian;
  private int size;
  private int[] tags;
  private VR[] vrs;
  private byte[][] sources;
  private int[] offsets;
  private int[] lengths;
  private DicomObject[][] items;
  private SpecificCharacterSet charset;

  /** An empty little-endian dataset to fill with the {@code put} methods. */
  public DicomObject() {
    this(null, false, 16);
  }

  DicomObject(DicomObject parent, boolean bigEndian, int capacity) {
    this.parent = parent;
    this.bigEndian = bigEndian;
    tags = new int[capacity];
    vrs = new VR[capacity];
    sources = new byte[capacity][];
    offsets = new int[capacity];
    lengths = new int[capacity];
  }

  /** A new empty item whose text inherits this dataset's character set. */
  public DicomObject newItem() {
    return new DicomObject(this, bigEndian, 8);
  }

  public boolean isBigEndian() {
    return bigEndian;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int tagAt(int index) {
    return tags[index];
  }

  public VR vrAt(int index) {
    return vrs[index];
  }

  /** The index of a tag, or a negative number if absent. */
  public int indexOf(int tag) {
    if (size > 0 && tags[size - 1] == tag) {
      return size - 1;
    }
    return unsignedBinarySearch(tag);
  }

  /** Tags sort as unsigned numbers: (FFFC,FFFC) comes after (7FE0,0010). */
  private int unsignedBinarySearch(int tag) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = Integer.compareUnsigned(tags[mid], tag);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  public boolean contains(int tag) {
    return indexOf(tag) >= 0;
  }

  /** The VR of a tag in this dataset, or null if absent. */
  public VR vr(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : vrs[i];
  }

  /** The value length in bytes (0 for sequences and encapsulated data), or -1 if absent. */
  public int valueLength(int tag) {
    int i = indexOf(tag);
    return i < 0 ? -1 : lengths[i];
  }

  /** The character set the text of this dataset is decoded with. */
  public SpecificCharacterSet characterSet() {
    if (charset == null) {
      int i = indexOf(Tag.SPECIFIC_CHARACTER_SET);
      if (i >= 0) {
        charset = SpecificCharacterSet.of(splitText(i, SpecificCharacterSet.DEFAULT));
      } else {
        charset = parent == null ? SpecificCharacterSet.DEFAULT : parent.characterSet();
      }
    }
    return charset;
  }

  // ---- text ----

  /** The first value of a text element, or null if absent or empty. */
  public String getString(int tag) {
    String[] values = getStrings(tag);
    return values.length == 0 || values[0].isEmpty() ? null : values[0];
  }

  public String getString(int tag, String defaultValue) {
    String value = getString(tag);
    return value == null ? defaultValue : value;
  }

  /**
   * All values of an element as text: text VRs split on backslash (except the single-valued ST,
   * LT, UT, UR) with padding removed; binary numbers formatted; empty if absent or of another VR.
   */
  public String[] getStrings(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return NO_STRINGS;
    }
    return stringsAt(i);
  }

  /** The values of the element at {@code index} as text (see {@link #getStrings(int)}). */
  public String[] stringsAt(int index) {
    VR vr = vrs[index];
    if (vr.isText()) {
      return splitText(index, vr.kind() == VR.Kind.TEXT ? characterSet() : SpecificCharacterSet.DEFAULT);
    }
    if (vr.kind() == VR.Kind.BINARY) {
      return formatNumbers(index);
    }
    return NO_STRINGS;
  }

  private String[] splitText(int index, SpecificCharacterSet cs) {
    byte[] b = sources[index];
    int start = offsets[index];
    int end = start + lengths[index];
    while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
      end--;
    }
    if (end == start) {
      return NO_STRINGS;
    }
    VR vr = vrs[index];
    if (!vr.isMultiValuedText()) {
      return new String[] {cs.decode(b, start, end - start, false)};
    }
    List<String> values = new ArrayList<>(4);
    int from = start;
    for (int p = start; p <= end; p++) {
      if (p == end || b[p] == '\\') {
        values.add(trimValue(vr, cs.decode(b, from, p - from, vr == VR.PN)));
        from = p + 1;
      }
    }
    return values.toArray(NO_STRINGS);
  }

  /** Leading spaces are insignificant for these VRs; trailing spaces and NULs for all. */
  private static String trimValue(VR vr, String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == 0
        || (vr == VR.PN && value.charAt(end - 1) == '='))) {
      end--;
    }
    int start = 0;
    if (vr != VR.PN) {
      while (start < end && value.charAt(start) == ' ') {
        start++;
      }
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private String[] formatNumbers(int index) {
    VR vr = vrs[index];
    int count = lengths[index] / vr.valueSize();
    String[] out = new String[count];
    for (int k = 0; k < count; k++) {
      int at = offsets[index] + k * vr.valueSize();
      out[k] = switch (vr) {
        case FL -> Float.toString(Float.intBitsToFloat(Bytes.int32(sources[index], at, bigEndian)));
        case FD -> Double.toString(Double.longBitsToDouble(Bytes.int64(sources[index], at, bigEndian)));
        case UV -> Long.toUnsignedString(Bytes.int64(sources[index], at, bigEndian));
        case AT -> Tag.toString(attributeTag(sources[index], at));
        default -> Long.toString(integerAt(index, k));
      };
    }
    return out;
  }

  // ---- numbers ----

  /** The first numeric value (DS, IS or a binary number), or null if absent, empty or not a number. */
  public Double getDouble(int tag) {
    double[] values = getDoubles(tag);
    return values.length == 0 || Double.isNaN(values[0]) ? null : values[0];
  }

  /** All values as numbers; a DS/IS value that is not a number reads as NaN. */
  public double[] getDoubles(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return NO_DOUBLES;
    }
    VR vr = vrs[i];
    if (vr.kind() == VR.Kind.BINARY && vr != VR.AT) {
      int count = lengths[i] / vr.valueSize();
      double[] out = new double[count];
      for (int k = 0; k < count; k++) {
        out[k] = doubleAt(i, k);
      }
      return out;
    }
    if (vr.isText()) {
      String[] text = splitText(i, SpecificCharacterSet.DEFAULT);
      double[] out = new double[text.length];
      for (int k = 0; k < text.length; k++) {
        out[k] = parseDecimal(text[k]);
      }
      return out;
    }
    return NO_DOUBLES;
  }

  /** The first integer value (IS, a binary integer, or an integral DS), or null. */
  public Integer getInt(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return null;
    }
    VR vr = vrs[i];
    if (vr.kind() == VR.Kind.BINARY && vr != VR.FL && vr != VR.FD && vr != VR.AT) {
      return lengths[i] >= vr.valueSize() ? (int) integerAt(i, 0) : null;
    }
    Double value = getDouble(tag);
    return value == null || value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE ? null : value.intValue();
  }

  /** All integer values; non-integral or non-numeric values are skipped. */
  public int[] getInts(int tag) {
    double[] values = getDoubles(tag);
    if (values.length == 0) {
      return NO_INTS;
    }
    int[] out = new int[values.length];
    int n = 0;
    for (double v : values) {
      if (v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE) {
        out[n++] = (int) v;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** AT values as tags. */
  public int[] getTags(int tag) {
    int i = indexOf(tag);
    if (i < 0 || vrs[i] != VR.AT) {
      return NO_INTS;
    }
    int[] out = new int[lengths[i] / 4];
    for (int k = 0; k < out.length; k++) {
      out[k] = attributeTag(sources[i], offsets[i] + 4 * k);
    }
    return out;
  }

  private int attributeTag(byte[] b, int at) {
    return (Bytes.uint16(b, at, bigEndian) << 16) | Bytes.uint16(b, at + 2, bigEndian);
  }

  private double doubleAt(int index, int k) {
    VR vr = vrs[index];
    int at = offsets[index] + k * vr.valueSize();
    return switch (vr) {
      case FL -> Float.intBitsToFloat(Bytes.int32(sources[index], at, bigEndian));
      case FD -> Double.longBitsToDouble(Bytes.int64(sources[index], at, bigEndian));
      case UV -> {
        long v = Bytes.int64(sources[index], at, bigEndian);
        yield v >= 0 ? v : (double) (v >>> 1) * 2.0;
      }
      default -> integerAt(index, k);
    };
  }

  private long integerAt(int index, int k) {
    VR vr = vrs[index];
    byte[] b = sources[index];
    int at = offsets[index] + k * vr.valueSize();
    return switch (vr) {
      case US -> Bytes.uint16(b, at, bigEndian);
      case SS -> (short) Bytes.uint16(b, at, bigEndian);
      case UL -> Bytes.int32(b, at, bigEndian) & 0xFFFFFFFFL;
      case SL -> Bytes.int32(b, at, bigEndian);
      default -> Bytes.int64(b, at, bigEndian);
    };
  }

  /** Parses a DS/IS string leniently: NaN when it is not a decimal number. */
  static double parseDecimal(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  // ---- bytes, sequences, dates ----

  /** A copy of the encoded value bytes (in the dataset's byte order), or null if absent. */
  public byte[] getBytes(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : Arrays.copyOfRange(sources[i], offsets[i], offsets[i] + lengths[i]);
  }

  /** A copy of the encoded value bytes of the element at {@code index}. */
  public byte[] bytesAt(int index) {
    return Arrays.copyOfRange(sources[index], offsets[index], offsets[index] + lengths[index]);
  }

  /** The items of a sequence, empty if absent or not a sequence. */
  public List<DicomObject> getSequence(int tag) {
    int i = indexOf(tag);
    return i < 0 ? List.of() : itemsAt(i);
  }

  /** The items of the element at {@code index} (empty unless it is a sequence). */
  public List<DicomObject> itemsAt(int index) {
    if (items == null || items[index] == null) {
      return List.of();
    }
    return Collections.unmodifiableList(Arrays.asList(items[index]));
  }

  /** True for an element whose value was encapsulated (undefined length, not a sequence); its bytes are the fragment items. */
  public boolean isEncapsulatedAt(int index) {
    return vrs[index] != VR.SQ && items != null && items[index] == NO_ITEMS;
  }

  /** A DA value as a date; null if absent or not a valid date. */
  public LocalDate getDate(int tag) {
    return DicomDates.parseDate(getString(tag));
  }

  /** A TM value as a time; null if absent or not a valid time. */
  public LocalTime getTime(int tag) {
    return DicomDates.parseTime(getString(tag));
  }

  /** A DT value as a date-time (UTC offset ignored); null if absent or invalid. */
  public LocalDateTime getDateTime(int tag) {
    return DicomDates.parseDateTime(getString(tag));
  }

  // ---- building ----

  /** Sets a text element (values joined with backslashes, encoded with this dataset's character set). */
  public DicomObject putString(int tag, VR vr, String... values) {
    String joined = String.join("\\", values);
    byte[] encoded = vr.kind() == VR.Kind.TEXT
        ? characterSet().encode(joined) : joined.getBytes(StandardCharsets.ISO_8859_1);
    if (tag == Tag.SPECIFIC_CHARACTER_SET) {
      charset = null;
    }
    return put(tag, vr, encoded, 0, encoded.length);
  }

  /** Sets a numeric element: US, SS, UL, SL, SV, UV, FL, FD, or IS/DS written as text. */
  public DicomObject putNumbers(int tag, VR vr, double... values) {
    if (vr == VR.IS || vr == VR.DS) {
      String[] text = new String[values.length];
      for (int k = 0; k < values.length; k++) {
        text[k] = vr == VR.IS ? Long.toString((long) values[k]) : formatDecimal(values[k]);
      }
      return putString(tag, vr, text);
    }
    byte[] b = new byte[values.length * vr.valueSize()];
    for (int k = 0; k < values.length; k++) {
      int at = k * vr.valueSize();
      switch (vr) {
        case US, SS -> Bytes.putInt16(b, at, (int) values[k], bigEndian);
        case UL, SL -> Bytes.putInt32(b, at, (int) (long) values[k], bigEndian);
        case FL -> Bytes.putInt32(b, at, Float.floatToIntBits((float) values[k]), bigEndian);
        case FD -> Bytes.putInt64(b, at, Double.doubleToLongBits(values[k]), bigEndian);
        case SV, UV -> Bytes.putInt64(b, at, (long) values[k], bigEndian);
        default -> throw new IllegalArgumentException("Not a numeric VR: " + vr);
      }
    }
    return put(tag, vr, b, 0, b.length);
  }

  /** Sets AT values. */
  public DicomObject putTags(int tag, int... values) {
    byte[] b = new byte[values.length * 4];
    for (int k = 0; k < values.length; k++) {
      Bytes.putInt16(b, 4 * k, values[k] >>> 16, bigEndian);
      Bytes.putInt16(b, 4 * k + 2, values[k], bigEndian);
    }
    return put(tag, VR.AT, b, 0, b.length);
  }

  /** Sets a value given as encoded bytes (in this dataset's byte order). */
  public DicomObject putBytes(int tag, VR vr, byte[] value) {
    return put(tag, vr, value, 0, value.length);
  }

  /** Sets a sequence; the items should come from {@link #newItem()}. */
  public DicomObject putSequence(int tag, List<DicomObject> sequenceItems) {
    put(tag, VR.SQ, NO_BYTES, 0, 0);
    setItems(indexOf(tag), sequenceItems.toArray(NO_ITEMS));
    return this;
  }

  public DicomObject remove(int tag) {
    int i = indexOf(tag);
    if (i >= 0) {
      int tail = size - i - 1;
      System.arraycopy(tags, i + 1, tags, i, tail);
      System.arraycopy(vrs, i + 1, vrs, i, tail);
      System.arraycopy(sources, i + 1, sources, i, tail);
      System.arraycopy(offsets, i + 1, offsets, i, tail);
      System.arraycopy(lengths, i + 1, lengths, i, tail);
      if (items != null) {
        System.arraycopy(items, i + 1, items, i, tail);
        items[size - 1] = null;
      }
      size--;
      if (tag == Tag.SPECIFIC_CHARACTER_SET) {
        charset = null;
      }
    }
    return this;
  }

  private static final byte[] NO_BYTES = new byte[0];

  private static String formatDecimal(double value) {
    String s = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    return s.length() <= 16 ? s : String.format(java.util.Locale.ROOT, "%.10g", value).trim();
  }

  /** Adds or replaces an element; the reader adds in ascending order, which appends. */
  DicomObject put(int tag, VR vr, byte[] source, int offset, int length) {
    boolean appends = size == 0 || Integer.compareUnsigned(tag, tags[size - 1]) > 0;
    int i = appends ? -size - 1 : indexOf(tag);
    if (i < 0) {
      i = -i - 1;
      ensureCapacity(size + 1);
      int tail = size - i;
      if (tail > 0) {
        System.arraycopy(tags, i, tags, i + 1, tail);
        System.arraycopy(vrs, i, vrs, i + 1, tail);
        System.arraycopy(sources, i, sources, i + 1, tail);
        System.arraycopy(offsets, i, offsets, i + 1, tail);
        System.arraycopy(lengths, i, lengths, i + 1, tail);
        if (items != null) {
          System.arraycopy(items, i, items, i + 1, tail);
        }
      }
      size++;
    }
    tags[i] = tag;
    vrs[i] = vr;
    sources[i] = source == null ? NO_BYTES : source;
    offsets[i] = offset;
    lengths[i] = length;
    if (items != null) {
      items[i] = null;
    }
    return this;
  }

  void setItems(int index, DicomObject[] sequenceItems) {
    if (items == null) {
      items = new DicomObject[tags.length][];
    }
    items[index] = sequenceItems;
  }

  void markEncapsulated(int index) {
    setItems(index, NO_ITEMS);
  }

  private void ensureCapacity(int needed) {
    if (needed <= tags.length) {
      return;
    }
    int capacity = Math.max(needed, tags.length * 2);
    tags = Arrays.copyOf(tags, capacity);
    vrs = Arrays.copyOf(vrs, capacity);
    sources = Arrays.copyOf(sources, capacity);
    offsets = Arrays.copyOf(offsets, capacity);
    lengths = Arrays.copyOf(lengths, capacity);
    if (items != null) {
      items = Arrays.copyOf(items, capacity);
    }
  }

  byte[] sourceAt(int index) {
    return sources[index];
  }

  int offsetAt(int index) {
    return offsets[index];
  }

  int lengthAt(int index) {
    return lengths[index];
  }

  @Override
  public String toString() {
    return "DicomObject[" + size + " elements]";
  }
}
