package io.cohortflow.dicom;

/**
 * DICOM tags as {@code int} constants ({@code group << 16 | element}) for the file meta group, the
 * structural tags and the attributes cohortflow reads; {@link TagDictionary} knows all the others by
 * keyword.
 */
public final class Tag {
  public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
  public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
  public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
  public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
  public static final int TRANSFER_SYNTAX_UID = 0x00020010;
  public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
  public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;
  public static final int SOURCE_APPLICATION_ENTITY_TITLE = 0x00020016;

  public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
  public static final int IMAGE_TYPE = 0x00080008;
  public static final int SOP_CLASS_UID = 0x00080016;
  public static final int SOP_INSTANCE_UID = 0x00080018;
  public static final int STUDY_DATE = 0x00080020;
  public static final int SERIES_DATE = 0x00080021;
  public static final int ACQUISITION_DATE = 0x00080022;
  public static final int STUDY_TIME = 0x00080030;
  public static final int SERIES_TIME = 0x00080031;
  public static final int ACQUISITION_TIME = 0x00080032;
  public static final int MODALITY = 0x00080060;
  public static final int MANUFACTURER = 0x00080070;
  public static final int INSTITUTION_NAME = 0x00080080;
  public static final int STATION_NAME = 0x00081010;
  public static final int STUDY_DESCRIPTION = 0x00081030;
  public static final int SERIES_DESCRIPTION = 0x0008103E;
  public static final int MANUFACTURER_MODEL_NAME = 0x00081090;

  public static final int PATIENT_NAME = 0x00100010;
  public static final int PATIENT_ID = 0x00100020;
  public static final int PATIENT_SEX = 0x00100040;
  public static final int PATIENT_AGE = 0x00101010;

  public static final int BODY_PART_EXAMINED = 0x00180015;
  public static final int SCANNING_SEQUENCE = 0x00180020;
  public static final int SEQUENCE_VARIANT = 0x00180021;
  public static final int SCAN_OPTIONS = 0x00180022;
  public static final int MR_ACQUISITION_TYPE = 0x00180023;
  public static final int SEQUENCE_NAME = 0x00180024;
  public static final int RADIOPHARMACEUTICAL = 0x00180031;
  public static final int SLICE_THICKNESS = 0x00180050;
  public static final int KVP = 0x00180060;
  public static final int REPETITION_TIME = 0x00180080;
  public static final int ECHO_TIME = 0x00180081;
  public static final int INVERSION_TIME = 0x00180082;
  public static final int ECHO_NUMBERS = 0x00180086;
  public static final int MAGNETIC_FIELD_STRENGTH = 0x00180087;
  public static final int ECHO_TRAIN_LENGTH = 0x00180091;
  public static final int PROTOCOL_NAME = 0x00181030;
  public static final int RADIONUCLIDE_TOTAL_DOSE = 0x00181074;
  public static final int RADIONUCLIDE_HALF_LIFE = 0x00181075;
  public static final int EXPOSURE_TIME = 0x00181150;
  public static final int X_RAY_TUBE_CURRENT = 0x00181151;
  public static final int EXPOSURE = 0x00181152;
  public static final int CONVOLUTION_KERNEL = 0x00181210;
  public static final int FLIP_ANGLE = 0x00181314;
  public static final int PARALLEL_ACQUISITION_TECHNIQUE = 0x00189078;
  public static final int DIFFUSION_B_VALUE = 0x00189087;
  public static final int SPIRAL_PITCH_FACTOR = 0x00189311;
  public static final int CTDI_VOL = 0x00189345;

  public static final int STUDY_INSTANCE_UID = 0x0020000D;
  public static final int SERIES_INSTANCE_UID = 0x0020000E;
  public static final int SERIES_NUMBER = 0x00200011;
  public static final int INSTANCE_NUMBER = 0x00200013;
  public static final int IMAGE_POSITION_PATIENT = 0x00200032;
  public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
  public static final int FRAME_OF_REFERENCE_UID = 0x00200052;
  public static final int SLICE_LOCATION = 0x00201041;

  public static final int SAMPLES_PER_PIXEL = 0x00280002;
  public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
  public static final int NUMBER_OF_FRAMES = 0x00280008;
  public static final int ROWS = 0x00280010;
  public static final int COLUMNS = 0x00280011;
  public static final int PIXEL_SPACING = 0x00280030;
  public static final int BITS_ALLOCATED = 0x00280100;
  public static final int BITS_STORED = 0x00280101;
  public static final int HIGH_BIT = 0x00280102;
  public static final int PIXEL_REPRESENTATION = 0x00280103;
  public static final int RESCALE_INTERCEPT = 0x00281052;
  public static final int RESCALE_SLOPE = 0x00281053;

  public static final int RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE = 0x00540016;
  public static final int NUMBER_OF_SLICES = 0x00540081;
  public static final int SERIES_TYPE = 0x00541000;
  public static final int UNITS = 0x00541001;
  public static final int SUV_TYPE = 0x00541006;
  public static final int ATTENUATION_CORRECTION_METHOD = 0x00541101;
  public static final int RECONSTRUCTION_METHOD = 0x00541103;

  public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
  public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
  public static final int PIXEL_DATA = 0x7FE00010;

  public static final int ITEM = 0xFFFEE000;
  public static final int ITEM_DELIMITATION_ITEM = 0xFFFEE00D;
  public static final int SEQUENCE_DELIMITATION_ITEM = 0xFFFEE0DD;

  private Tag() {}

  public static int of(int group, int element) {
    return (group << 16) | (element & 0xFFFF);
  }

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  /** True for tags in an odd group (other than the reserved groups 1, 3, 5, 7 and FFFF). */
  public static boolean isPrivate(int tag) {
    int group = group(tag);
    return (group & 1) == 1 && group > 7 && group != 0xFFFF;
  }

  /** True for a private creator element (gggg,0010-00FF) of an odd group. */
  public static boolean isPrivateCreator(int tag) {
    int element = element(tag);
    return isPrivate(tag) && element >= 0x10 && element <= 0xFF;
  }

  /** The usual {@code (gggg,eeee)} spelling with upper-case hex digits. */
  public static String toString(int tag) {
    char[] out = {'(', 0, 0, 0, 0, ',', 0, 0, 0, 0, ')'};
    for (int i = 0; i < 4; i++) {
      out[1 + i] = HEX[(tag >>> (28 - 4 * i)) & 0xF];
      out[6 + i] = HEX[(tag >>> (12 - 4 * i)) & 0xF];
    }
    return new String(out);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
