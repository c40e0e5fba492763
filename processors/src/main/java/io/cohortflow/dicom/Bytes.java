package io.cohortflow.dicom;

/** Reads and writes fixed-size integers in either byte order from byte arrays. */
final class Bytes {
  private Bytes() {}

  static int uint16(byte[] b, int at, boolean bigEndian) {
    return bigEndian
        ? ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF)
        : (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
  }

  static int int32(byte[] b, int at, boolean bigEndian) {
    return bigEndian
        ? (uint16(b, at, true) << 16) | uint16(b, at + 2, true)
        : uint16(b, at, false) | (uint16(b, at + 2, false) << 16);
  }

  static long int64(byte[] b, int at, boolean bigEndian) {
    long first = int32(b, at, bigEndian) & 0xFFFFFFFFL;
    long second = int32(b, at + 4, bigEndian) & 0xFFFFFFFFL;
    return bigEndian ? (first << 32) | second : (second << 32) | first;
  }

  static void putInt16(byte[] b, int at, int value, boolean bigEndian) {
    b[at + (bigEndian ? 1 : 0)] = (byte) value;
    b[at + (bigEndian ? 0 : 1)] = (byte) (value >>> 8);
  }

  static void putInt32(byte[] b, int at, int value, boolean bigEndian) {
    putInt16(b, at + (bigEndian ? 2 : 0), value, bigEndian);
    putInt16(b, at + (bigEndian ? 0 : 2), value >>> 16, bigEndian);
  }

  static void putInt64(byte[] b, int at, long value, boolean bigEndian) {
    putInt32(b, at + (bigEndian ? 4 : 0), (int) value, bigEndian);
    putInt32(b, at + (bigEndian ? 0 : 4), (int) (value >>> 32), bigEndian);
  }
}
