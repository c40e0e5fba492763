package io.cohortflow.dicom;

/**
 * DICOM value representations (PS3.5 6.2): how an element's value is encoded, whether its explicit
 * VR header carries a 4-byte length, and how its value is decoded (text, numbers, bytes, items).
 */
public enum VR {
  AE(Kind.ASCII, false, true), AS(Kind.ASCII, false, true), AT(Kind.BINARY, false, false),
  CS(Kind.ASCII, false, true), DA(Kind.ASCII, false, true), DS(Kind.ASCII, false, true),
  DT(Kind.ASCII, false, true), FD(Kind.BINARY, false, false), FL(Kind.BINARY, false, false),
  IS(Kind.ASCII, false, true), LO(Kind.TEXT, false, true), LT(Kind.TEXT, false, false),
  OB(Kind.BULK, true, false), OD(Kind.BULK, true, false), OF(Kind.BULK, true, false),
  OL(Kind.BULK, true, false), OV(Kind.BULK, true, false), OW(Kind.BULK, true, false),
  PN(Kind.TEXT, false, true), SH(Kind.TEXT, false, true), SL(Kind.BINARY, false, false),
  SQ(Kind.SEQUENCE, true, false), SS(Kind.BINARY, false, false), ST(Kind.TEXT, false, false),
  SV(Kind.BINARY, true, false), TM(Kind.ASCII, false, true), UC(Kind.TEXT, true, true),
  UI(Kind.ASCII, false, true), UL(Kind.BINARY, false, false), UN(Kind.BULK, true, false),
  UR(Kind.ASCII, true, false), US(Kind.BINARY, false, false), UT(Kind.TEXT, true, false),
  UV(Kind.BINARY, true, false);

  /** How a value of this VR is decoded. */
  public enum Kind {
    /** Text in the default repertoire (ASCII). */
    ASCII,
    /** Text decoded with the Specific Character Set. */
    TEXT,
    /** Fixed-size binary numbers (or AT tags). */
    BINARY,
    /** Opaque bytes. */
    BULK,
    /** A sequence of items. */
    SEQUENCE
  }

  private static final VR[] BY_CODE = new VR[26 * 26];

  static {
    for (VR vr : values()) {
      BY_CODE[index(vr.name().charAt(0), vr.name().charAt(1))] = vr;
    }
  }

  private final Kind kind;
  private final boolean longLength;
  private final boolean multiValued;

  VR(Kind kind, boolean longLength, boolean multiValued) {
    this.kind = kind;
    this.longLength = longLength;
    this.multiValued = multiValued;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the explicit VR header has 2 reserved bytes and a 4-byte length. */
  public boolean hasLongLength() {
    return longLength;
  }

  /** True for text VRs whose value may hold several values separated by backslashes. */
  public boolean isMultiValuedText() {
    return multiValued;
  }

  /** True for text VRs (ASCII or character-set dependent). */
  public boolean isText() {
    return kind == Kind.ASCII || kind == Kind.TEXT;
  }

  /** Bytes per value of a binary VR (AT counts 4), 1 for the others. */
  public int valueSize() {
    return switch (this) {
      case US, SS -> 2;
      case UL, SL, FL, AT, OF, OL -> 4;
      case FD, OD, SV, UV, OV -> 8;
      case OW -> 2;
      default -> 1;
    };
  }

  /** Bytes to swap between byte orders: AT swaps its two 16-bit halves. */
  public int swapUnit() {
    return this == AT ? 2 : valueSize();
  }

  /** The VR spelt by two bytes of an explicit VR header, or null if they spell none. */
  public static VR fromBytes(int first, int second) {
    if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
      return null;
    }
    return BY_CODE[index(first, second)];
  }

  /** The VR with this two-letter name, or null. */
  public static VR fromName(String name) {
    return name.length() == 2 ? fromBytes(name.charAt(0), name.charAt(1)) : null;
  }

  private static int index(int first, int second) {
    return (first - 'A') * 26 + (second - 'A');
  }
}
