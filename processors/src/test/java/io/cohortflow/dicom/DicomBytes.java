package io.cohortflow.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds DICOM byte streams by hand, element by element, for tests of encodings and bad input. */
final class DicomBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean bigEndian;

  private DicomBytes(boolean bigEndian) {
    this.bigEndian = bigEndian;
  }

  static DicomBytes littleEndian() {
    return new DicomBytes(false);
  }

  static DicomBytes bigEndian() {
    return new DicomBytes(true);
  }

  /** 128 zero bytes and DICM, then a meta group declaring the transfer syntax. */
  static DicomBytes part10(String transferSyntax) {
    DicomBytes b = littleEndian();
    b.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
    byte[] ts = padded(transferSyntax, (byte) 0);
    b.explicit(0x00020000, "UL", b.le32(8 + ts.length));
    b.explicit(0x00020010, "UI", ts);
    return b;
  }

  DicomBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  DicomBytes u16(int v) {
    if (bigEndian) {
      out.write(v >>> 8);
      out.write(v);
    } else {
      out.write(v);
      out.write(v >>> 8);
    }
    return this;
  }

  DicomBytes u32(long v) {
    if (bigEndian) {
      u16((int) (v >>> 16));
      u16((int) v);
    } else {
      u16((int) v);
      u16((int) (v >>> 16));
    }
    return this;
  }

  DicomBytes tag(int tag) {
    return u16(tag >>> 16).u16(tag & 0xFFFF);
  }

  /** An explicit VR element header with the given length (which may lie). */
  DicomBytes explicitHeader(int tag, String vr, long length) {
    tag(tag);
    out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    VR known = VR.fromName(vr);
    if (known != null && known.hasLongLength()) {
      u16(0);
      return u32(length);
    }
    return u16((int) length);
  }

  DicomBytes explicit(int tag, String vr, byte[] value) {
    return explicitHeader(tag, vr, value.length).raw(value);
  }

  DicomBytes explicitText(int tag, String vr, String value) {
    return explicit(tag, vr, padded(value, vr.equals("UI") ? (byte) 0 : (byte) ' '));
  }

  DicomBytes implicit(int tag, byte[] value) {
    return tag(tag).u32(value.length).raw(value);
  }

  DicomBytes implicitText(int tag, String value) {
    return implicit(tag, padded(value, (byte) ' '));
  }

  DicomBytes item(long length) {
    return tag(Tag.ITEM).u32(length);
  }

  DicomBytes itemEnd() {
    return tag(Tag.ITEM_DELIMITATION_ITEM).u32(0);
  }

  DicomBytes sequenceEnd() {
    return tag(Tag.SEQUENCE_DELIMITATION_ITEM).u32(0);
  }

  byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  static byte[] padded(String value, byte pad) {
    byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
    if ((b.length & 1) == 0) {
      return b;
    }
    byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
    p[b.length] = pad;
    return p;
  }
}
