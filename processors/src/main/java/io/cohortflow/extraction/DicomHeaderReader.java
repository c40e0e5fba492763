package io.cohortflow.extraction;

import io.cohortflow.dicom.DicomFile;
import io.cohortflow.dicom.DicomObject;
import io.cohortflow.dicom.DicomParseException;
import io.cohortflow.dicom.DicomReader;
import io.cohortflow.dicom.ExtractionTags;
import io.cohortflow.dicom.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the extraction attributes of a DICOM file with the header reader limited to the
 * extraction tag set, so that reading stops right after the last attribute extraction needs.
 */
public final class DicomHeaderReader implements HeaderReader {
  private static final int MAGIC_OFFSET = 128;

  private final DicomReader reader = ExtractionTags.reader();

  @Override
  public InstanceRecord read(Path file, String relativePath) throws InvalidInstanceException {
    DicomFile dicom;
    long size;
    try {
      size = Files.size(file);
      dicom = reader.read(file);
    } catch (DicomParseException e) {
      throw new InvalidInstanceException("parse", "not a readable DICOM file: " + e.reason()
          + " (at byte " + e.offset() + ")");
    } catch (IOException e) {
      throw new InvalidInstanceException("parse", "cannot read: " + e.getMessage());
    }
    return toRecord(dicom, relativePath, size);
  }

  @Override
  public boolean hasDicomMagic(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(MAGIC_OFFSET + 4);
      return head.length == MAGIC_OFFSET + 4
          && new String(head, MAGIC_OFFSET, 4, StandardCharsets.US_ASCII).equals("DICM");
    } catch (IOException e) {
      return false;
    }
  }

  static InstanceRecord toRecord(DicomFile dicom, String relativePath, long size) {
    DicomObject d = dicom.dataset();
    List<DicomObject> radiopharmaceutical =
        d.getSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE);
    DicomObject drug = radiopharmaceutical == null || radiopharmaceutical.isEmpty()
        ? new DicomObject() : radiopharmaceutical.get(0);
    return new InstanceRecord(relativePath, size, dicom.transferSyntaxUid(),
        d.getString(Tag.PATIENT_ID), d.getString(Tag.PATIENT_NAME), d.getString(Tag.PATIENT_SEX),
        d.getString(Tag.PATIENT_AGE),
        d.getString(Tag.STUDY_INSTANCE_UID), d.getDate(Tag.STUDY_DATE), d.getTime(Tag.STUDY_TIME),
        d.getString(Tag.STUDY_DESCRIPTION), d.getString(Tag.MANUFACTURER),
        d.getString(Tag.MANUFACTURER_MODEL_NAME), d.getString(Tag.STATION_NAME),
        d.getString(Tag.INSTITUTION_NAME),
        d.getString(Tag.SERIES_INSTANCE_UID), d.getString(Tag.MODALITY),
        d.getInt(Tag.SERIES_NUMBER), d.getDate(Tag.SERIES_DATE), d.getTime(Tag.SERIES_TIME),
        d.getString(Tag.SERIES_DESCRIPTION), d.getString(Tag.PROTOCOL_NAME),
        d.getString(Tag.SEQUENCE_NAME), d.getString(Tag.BODY_PART_EXAMINED),
        joined(d, Tag.SCANNING_SEQUENCE), joined(d, Tag.SEQUENCE_VARIANT),
        joined(d, Tag.SCAN_OPTIONS), d.getString(Tag.FRAME_OF_REFERENCE_UID),
        d.getDouble(Tag.SLICE_THICKNESS),
        d.getDouble(Tag.REPETITION_TIME), d.getDouble(Tag.ECHO_TIME),
        d.getDouble(Tag.INVERSION_TIME), d.getDouble(Tag.FLIP_ANGLE),
        d.getInt(Tag.ECHO_TRAIN_LENGTH), d.getString(Tag.MR_ACQUISITION_TYPE),
        d.getDouble(Tag.DIFFUSION_B_VALUE), d.getString(Tag.PARALLEL_ACQUISITION_TECHNIQUE),
        d.getDouble(Tag.MAGNETIC_FIELD_STRENGTH),
        d.getDouble(Tag.KVP), d.getDouble(Tag.EXPOSURE_TIME), d.getDouble(Tag.X_RAY_TUBE_CURRENT),
        d.getDouble(Tag.EXPOSURE), joined(d, Tag.CONVOLUTION_KERNEL),
        d.getDouble(Tag.SPIRAL_PITCH_FACTOR), d.getDouble(Tag.CTDI_VOL),
        drug.getString(Tag.RADIOPHARMACEUTICAL) != null
            ? drug.getString(Tag.RADIOPHARMACEUTICAL) : d.getString(Tag.RADIOPHARMACEUTICAL),
        drug.getDouble(Tag.RADIONUCLIDE_TOTAL_DOSE), drug.getDouble(Tag.RADIONUCLIDE_HALF_LIFE),
        joined(d, Tag.RECONSTRUCTION_METHOD), joined(d, Tag.ATTENUATION_CORRECTION_METHOD),
        d.getString(Tag.SUV_TYPE), d.getInt(Tag.NUMBER_OF_SLICES), joined(d, Tag.SERIES_TYPE),
        d.getString(Tag.SOP_INSTANCE_UID), d.getString(Tag.SOP_CLASS_UID),
        d.getInt(Tag.INSTANCE_NUMBER), d.getDoubles(Tag.IMAGE_POSITION_PATIENT),
        d.getDoubles(Tag.IMAGE_ORIENTATION_PATIENT), d.getDouble(Tag.SLICE_LOCATION),
        d.getInt(Tag.ROWS), d.getInt(Tag.COLUMNS), d.getDoubles(Tag.PIXEL_SPACING),
        joined(d, Tag.ECHO_NUMBERS), joined(d, Tag.IMAGE_TYPE),
        d.getDate(Tag.ACQUISITION_DATE), d.getTime(Tag.ACQUISITION_TIME),
        d.getInt(Tag.NUMBER_OF_FRAMES));
  }

  /** All values of a multi-valued attribute joined with backslashes, as DICOM writes them. */
  private static String joined(DicomObject d, int tag) {
    String[] values = d.getStrings(tag);
    return values == null || values.length == 0 ? null : String.join("\\", values);
  }
}
