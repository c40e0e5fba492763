package io.cohortflow.dicom;

import java.util.Arrays;

/**
 * The top-level tags the metadata extraction reads, sorted, for
 * {@link DicomReader#withWantedTags(int...)}: reading stops right after the highest of them.
 * RadiopharmaceuticalInformationSequence is listed so that its items (with RadionuclideTotalDose,
 * RadionuclideHalfLife, Radiopharmaceutical) are kept.
 */
public final class ExtractionTags {
  private static final int[] TAGS = sorted(
      Tag.SPECIFIC_CHARACTER_SET, Tag.IMAGE_TYPE, Tag.SOP_CLASS_UID, Tag.SOP_INSTANCE_UID,
      Tag.STUDY_DATE, Tag.SERIES_DATE, Tag.ACQUISITION_DATE, Tag.STUDY_TIME, Tag.SERIES_TIME,
      Tag.ACQUISITION_TIME, Tag.MODALITY, Tag.MANUFACTURER, Tag.INSTITUTION_NAME, Tag.STATION_NAME,
      Tag.STUDY_DESCRIPTION, Tag.SERIES_DESCRIPTION, Tag.MANUFACTURER_MODEL_NAME,
      Tag.PATIENT_NAME, Tag.PATIENT_ID, Tag.PATIENT_SEX, Tag.PATIENT_AGE,
      Tag.BODY_PART_EXAMINED, Tag.SCANNING_SEQUENCE, Tag.SEQUENCE_VARIANT, Tag.SCAN_OPTIONS,
      Tag.MR_ACQUISITION_TYPE, Tag.SEQUENCE_NAME, Tag.RADIOPHARMACEUTICAL, Tag.SLICE_THICKNESS, Tag.KVP,
      Tag.REPETITION_TIME, Tag.ECHO_TIME, Tag.INVERSION_TIME, Tag.ECHO_NUMBERS, Tag.MAGNETIC_FIELD_STRENGTH,
      Tag.ECHO_TRAIN_LENGTH, Tag.PROTOCOL_NAME, Tag.EXPOSURE_TIME, Tag.X_RAY_TUBE_CURRENT, Tag.EXPOSURE,
      Tag.CONVOLUTION_KERNEL, Tag.FLIP_ANGLE, Tag.PARALLEL_ACQUISITION_TECHNIQUE, Tag.DIFFUSION_B_VALUE,
      Tag.SPIRAL_PITCH_FACTOR, Tag.CTDI_VOL,
      Tag.STUDY_INSTANCE_UID, Tag.SERIES_INSTANCE_UID, Tag.SERIES_NUMBER, Tag.INSTANCE_NUMBER,
      Tag.IMAGE_POSITION_PATIENT, Tag.IMAGE_ORIENTATION_PATIENT, Tag.FRAME_OF_REFERENCE_UID, Tag.SLICE_LOCATION,
      Tag.NUMBER_OF_FRAMES, Tag.ROWS, Tag.COLUMNS, Tag.PIXEL_SPACING, Tag.RESCALE_INTERCEPT, Tag.RESCALE_SLOPE,
      Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, Tag.NUMBER_OF_SLICES, Tag.SERIES_TYPE, Tag.UNITS,
      Tag.SUV_TYPE, Tag.ATTENUATION_CORRECTION_METHOD, Tag.RECONSTRUCTION_METHOD);

  /** Tags read inside RadiopharmaceuticalInformationSequence items. */
  private static final int[] RADIOPHARMACEUTICAL_ITEM_TAGS = sorted(
      Tag.RADIOPHARMACEUTICAL, Tag.RADIONUCLIDE_TOTAL_DOSE, Tag.RADIONUCLIDE_HALF_LIFE);

  private ExtractionTags() {}

  /** The top-level tags, ascending (a copy). */
  public static int[] tags() {
    return TAGS.clone();
  }

  /** The tags read inside RadiopharmaceuticalInformationSequence items (a copy). */
  public static int[] radiopharmaceuticalItemTags() {
    return RADIOPHARMACEUTICAL_ITEM_TAGS.clone();
  }

  /** A header reader that keeps exactly these tags and stops after the last. */
  public static DicomReader reader() {
    return DicomReader.headerReader().withWantedTags(TAGS);
  }

  private static int[] sorted(int... tags) {
    int[] copy = tags.clone();
    Arrays.sort(copy);
    return copy;
  }
}
