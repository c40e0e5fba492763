package io.cohortflow.dicom;

/** Transfer syntax UIDs the codec reads or writes. */
public final class TransferSyntax {
  public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
  public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";

  private TransferSyntax() {}

  /** The dataset encoding of a transfer syntax; every other (compressed) syntax is explicit VR LE. */
  static DicomFile.Encoding encodingOf(String uid) {
    return switch (uid) {
      case IMPLICIT_VR_LITTLE_ENDIAN -> DicomFile.Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
      case EXPLICIT_VR_BIG_ENDIAN -> DicomFile.Encoding.EXPLICIT_VR_BIG_ENDIAN;
      case DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN -> DicomFile.Encoding.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
      default -> DicomFile.Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
    };
  }
}
