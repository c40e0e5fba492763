package io.cohortflow.dicom;

/**
 * What {@link DicomReader} read from one file: the file meta group (empty for a raw dataset), the
 * dataset, and the encoding the dataset was actually read with.
 *
 * @param source the path or name the bytes came from
 * @param fileMeta group 0002 elements (transfer syntax, SOP class and instance, implementation)
 * @param dataset the dataset elements (up to where the reader was asked to stop)
 * @param encoding the dataset encoding detected or declared
 * @param hasPreamble true when the file had the 128-byte preamble and {@code DICM}
 */
public record DicomFile(String source, DicomObject fileMeta, DicomObject dataset, Encoding encoding, boolean hasPreamble) {

  /** Dataset encodings the reader understands. */
  public enum Encoding {
    IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
  }

  /** The declared transfer syntax UID, or null when the file has no meta group. */
  public String transferSyntaxUid() {
    return fileMeta.getString(Tag.TRANSFER_SYNTAX_UID);
  }

  public String sopClassUid() {
    return dataset.getString(Tag.SOP_CLASS_UID, fileMeta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID));
  }

  public String sopInstanceUid() {
    return dataset.getString(Tag.SOP_INSTANCE_UID, fileMeta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID));
  }

  public String implementationClassUid() {
    return fileMeta.getString(Tag.IMPLEMENTATION_CLASS_UID);
  }

  public String implementationVersionName() {
    return fileMeta.getString(Tag.IMPLEMENTATION_VERSION_NAME);
  }
}
