package io.cohortflow.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * Writes DICOM Part 10 files: preamble, {@code DICM}, a complete file meta group (group length,
 * version, SOP class and instance, transfer syntax, implementation UID and version) and the dataset
 * in explicit VR little endian, or implicit VR little endian on request. Sequences and items get
 * defined lengths; values are padded to even length as their VR requires. Files are written to a
 * temporary name in the target folder and renamed, so no half-written file is ever visible.
 */
public final class DicomWriter {
  /** cohortflow's implementation class UID (a fixed {@code 2.25} UID). */
  public static final String IMPLEMENTATION_CLASS_UID = "2.25.223186262203328066585473497218224553307";
  public static final String IMPLEMENTATION_VERSION_NAME = "COHORTFLOW_0_1";

  private final boolean implicitVr;

  private DicomWriter(boolean implicitVr) {
    this.implicitVr = implicitVr;
  }

  public static DicomWriter explicitVrLittleEndian() {
    return new DicomWriter(false);
  }

  public static DicomWriter implicitVrLittleEndian() {
    return new DicomWriter(true);
  }

  public String transferSyntaxUid() {
    return implicitVr ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  /** Writes the dataset as a Part 10 file, atomically replacing any file at {@code path}. */
  public void write(Path path, DicomObject dataset) throws IOException {
    byte[] bytes = toBytes(dataset);
    Path dir = path.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + path.getFileName(), ".part");
    try {
      Files.write(temp, bytes);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The Part 10 encoding of a dataset. It must hold SOPClassUID and SOPInstanceUID (they go into
   * the meta group); group 0002 elements in it are ignored.
   */
  public byte[] toBytes(DicomObject dataset) {
    DicomObject meta = fileMeta(dataset);
    Output out = new Output(132 + (int) Math.min(Integer.MAX_VALUE - 1024,
        datasetLength(meta, false) + datasetLength(dataset, implicitVr)));
    out.pos = 128;
    out.ascii("DICM");
    writeDataset(out, meta, false);
    writeDataset(out, dataset, implicitVr);
    return out.pos == out.buf.length ? out.buf : Arrays.copyOf(out.buf, out.pos);
  }

  private DicomObject fileMeta(DicomObject dataset) {
    String sopClass = dataset.getString(Tag.SOP_CLASS_UID);
    String sopInstance = dataset.getString(Tag.SOP_INSTANCE_UID);
    if (sopClass == null || sopInstance == null) {
      throw new IllegalArgumentException("A DICOM file needs SOPClassUID and SOPInstanceUID in its dataset");
    }
    DicomObject meta = new DicomObject();
    meta.putBytes(Tag.FILE_META_INFORMATION_VERSION, VR.OB, new byte[] {0, 1});
    meta.putString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, VR.UI, sopClass);
    meta.putString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, VR.UI, sopInstance);
    meta.putString(Tag.TRANSFER_SYNTAX_UID, VR.UI, transferSyntaxUid());
    meta.putString(Tag.IMPLEMENTATION_CLASS_UID, VR.UI, IMPLEMENTATION_CLASS_UID);
    meta.putString(Tag.IMPLEMENTATION_VERSION_NAME, VR.SH, IMPLEMENTATION_VERSION_NAME);
    meta.putNumbers(Tag.FILE_META_INFORMATION_GROUP_LENGTH, VR.UL, datasetLength(meta, false));
    return meta;
  }

  /** Group 0002 belongs to the meta group: written there, skipped in a dataset. */
  private static boolean written(DicomObject obj, int i) {
    return Tag.group(obj.tagAt(0)) == 0x0002 || Tag.group(obj.tagAt(i)) != 0x0002;
  }

  private static long datasetLength(DicomObject obj, boolean implicit) {
    long total = 0;
    for (int i = 0; i < obj.size(); i++) {
      if (written(obj, i)) {
        total += headerLength(obj.vrAt(i), implicit) + valueLength(obj, i, implicit);
      }
    }
    return total;
  }

  private static int headerLength(VR vr, boolean implicit) {
    return implicit || !vr.hasLongLength() ? 8 : 12;
  }

  private static long valueLength(DicomObject obj, int i, boolean implicit) {
    if (obj.vrAt(i) == VR.SQ) {
      long total = 0;
      for (DicomObject item : obj.itemsAt(i)) {
        total += 8 + datasetLength(item, implicit);
      }
      return total;
    }
    if (obj.isEncapsulatedAt(i)) {
      throw new IllegalArgumentException("Encapsulated (compressed) " + Tag.toString(obj.tagAt(i)) + " cannot be written");
    }
    int length = obj.lengthAt(i);
    return length + (length & 1);
  }

  private static void writeDataset(Output out, DicomObject obj, boolean implicit) {
    for (int i = 0; i < obj.size(); i++) {
      if (written(obj, i)) {
        writeElement(out, obj, i, implicit);
      }
    }
  }

  private static void writeElement(Output out, DicomObject obj, int i, boolean implicit) {
    int tag = obj.tagAt(i);
    VR vr = obj.vrAt(i);
    long length = valueLength(obj, i, implicit);
    out.tag(tag);
    if (implicit) {
      out.int32((int) length);
    } else if (vr.hasLongLength()) {
      out.ascii(vr.name());
      out.int16(0);
      out.int32((int) length);
    } else {
      if (length > 0xFFFF) {
        throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " value of " + length
            + " bytes is too long for its VR");
      }
      out.ascii(vr.name());
      out.int16((int) length);
    }
    if (vr == VR.SQ) {
      List<DicomObject> items = obj.itemsAt(i);
      for (DicomObject item : items) {
        out.tag(Tag.ITEM);
        out.int32((int) datasetLength(item, implicit));
        writeDataset(out, item, implicit);
      }
      return;
    }
    int start = out.pos;
    out.bytes(obj.sourceAt(i), obj.offsetAt(i), obj.lengthAt(i));
    if (obj.isBigEndian() && vr.swapUnit() > 1 && vr.kind() != VR.Kind.SEQUENCE && !vr.isText()) {
      swap(out.buf, start, obj.lengthAt(i), vr.swapUnit());
    }
    if ((obj.lengthAt(i) & 1) == 1) {
      out.buf[out.pos++] = (byte) (vr.isText() && vr != VR.UI ? ' ' : 0);
    }
  }

  private static void swap(byte[] b, int start, int length, int unit) {
    for (int at = start; at + unit <= start + length; at += unit) {
      for (int k = 0; k < unit / 2; k++) {
        byte t = b[at + k];
        b[at + k] = b[at + unit - 1 - k];
        b[at + unit - 1 - k] = t;
      }
    }
  }

  /** A growable little-endian byte buffer. */
  private static final class Output {
    byte[] buf;
    int pos;

    Output(int capacity) {
      buf = new byte[capacity];
    }

    void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(pos + more, buf.length * 2));
      }
    }

    void tag(int tag) {
      int16(tag >>> 16);
      int16(tag);
    }

    void int16(int v) {
      ensure(2);
      Bytes.putInt16(buf, pos, v, false);
      pos += 2;
    }

    void int32(int v) {
      ensure(4);
      Bytes.putInt32(buf, pos, v, false);
      pos += 4;
    }

    void ascii(String s) {
      bytes(s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
    }

    void bytes(byte[] b, int offset, int length) {
      ensure(length + 1);
      System.arraycopy(b, offset, buf, pos, length);
      pos += length;
    }
  }
}
