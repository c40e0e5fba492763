package io.cohortflow.nifti;

/**
 * The NIfTI datatypes cohortflow reads and writes, with their header code, the bytes one stored
 * element takes, and the primitive array that holds them ({@link Storage}). Unsigned types share the
 * signed Java array of their width; {@link NiftiImage} reads them back unsigned. RGB24 is stored as
 * three uint8 channels per voxel.
 */
public enum NiftiDatatype {
  UINT8(2, 1, 1, Storage.BYTE, false),
  INT16(4, 2, 1, Storage.SHORT, true),
  INT32(8, 4, 1, Storage.INT, true),
  FLOAT32(16, 4, 1, Storage.FLOAT, true),
  FLOAT64(64, 8, 1, Storage.DOUBLE, true),
  RGB24(128, 1, 3, Storage.BYTE, false),
  INT8(256, 1, 1, Storage.BYTE, true),
  UINT16(512, 2, 1, Storage.SHORT, false),
  UINT32(768, 4, 1, Storage.INT, false),
  INT64(1024, 8, 1, Storage.LONG, true),
  UINT64(1280, 8, 1, Storage.LONG, false);

  /** The primitive array type holding a datatype's elements. */
  public enum Storage { BYTE, SHORT, INT, LONG, FLOAT, DOUBLE }

  private final int code;
  private final int elementBytes;
  private final int channels;
  private final Storage storage;
  private final boolean signed;

  NiftiDatatype(int code, int elementBytes, int channels, Storage storage, boolean signed) {
    this.code = code;
    this.elementBytes = elementBytes;
    this.channels = channels;
    this.storage = storage;
    this.signed = signed;
  }

  /** The {@code datatype} header code. */
  public int code() {
    return code;
  }

  /** Bytes of one stored element (one channel of one voxel). */
  public int elementBytes() {
    return elementBytes;
  }

  /** Elements per voxel: 3 for RGB24, else 1. */
  public int channels() {
    return channels;
  }

  /** The {@code bitpix} header value: bits per voxel. */
  public int bitsPerVoxel() {
    return 8 * elementBytes * channels;
  }

  public Storage storage() {
    return storage;
  }

  /** False for the unsigned integer types (and RGB24), whose elements read back as unsigned. */
  public boolean signed() {
    return signed;
  }

  /** The datatype with this header code, or null when cohortflow does not support it. */
  public static NiftiDatatype fromCode(int code) {
    for (NiftiDatatype type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
