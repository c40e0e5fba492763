package io.cohortflow.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Generates plausible CT-like (512×512, 16-bit) and MR-like (256×256, 16-bit, with a vendor private
 * block) image series with {@link DicomWriter}: headers shaped like scanner output, pixel data of the
 * right size. They feed benchmarks and tests; UIDs derive from a seed so a run is reproducible.
 */
public final class SyntheticSeries {

  /** The kinds of series generated. */
  public enum Kind {
    CT(512, "1.2.840.10008.5.1.4.1.1.2"), MR(256, "1.2.840.10008.5.1.4.1.1.4");

    final int size;
    final String sopClassUid;

    Kind(int size, String sopClassUid) {
      this.size = size;
      this.sopClassUid = sopClassUid;
    }
  }

  private final Kind kind;
  private final long seed;
  private final byte[] pixels;
  private final String studyUid;
  private final String seriesUid;
  private final String frameUid;

  public SyntheticSeries(Kind kind, long seed) {
    this.kind = kind;
    this.seed = seed;
    this.pixels = new byte[kind.size * kind.size * 2];
    for (int i = 0; i < pixels.length; i += 2) {
      pixels[i] = (byte) (i >>> 5);
    }
    this.studyUid = uid(1);
    this.seriesUid = uid(2);
    this.frameUid = uid(3);
  }

  private String uid(long n) {
    return Uids.fromUuid(new UUID(seed * 31 + kind.ordinal(), n));
  }

  /** Writes {@code count} instances into {@code dir}; returns their paths. */
  public List<Path> write(Path dir, int count) throws IOException {
    DicomWriter writer = DicomWriter.explicitVrLittleEndian();
    List<Path> paths = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      Path path = dir.resolve(String.format(Locale.ROOT, "%s_%d_%05d.dcm", kind, seed, n));
      writer.write(path, instance(n));
      paths.add(path);
    }
    return paths;
  }

  /** The dataset of instance {@code number} (1-based). */
  public DicomObject instance(int number) {
    DicomObject ds = new DicomObject();
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 100");
    ds.putString(Tag.IMAGE_TYPE, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    ds.putString(Tag.SOP_CLASS_UID, VR.UI, kind.sopClassUid);
    ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, uid(1000L + number));
    ds.putString(Tag.STUDY_DATE, VR.DA, "20240312");
    ds.putString(Tag.SERIES_DATE, VR.DA, "20240312");
    ds.putString(Tag.ACQUISITION_DATE, VR.DA, "20240312");
    ds.putString(Tag.STUDY_TIME, VR.TM, "101500");
    ds.putString(Tag.SERIES_TIME, VR.TM, "102000.125");
    ds.putString(Tag.ACQUISITION_TIME, VR.TM, "102001");
    ds.putString(Tag.MODALITY, VR.CS, kind.name());
    ds.putString(Tag.MANUFACTURER, VR.LO, kind == Kind.CT ? "SIEMENS" : "GE MEDICAL SYSTEMS");
    ds.putString(Tag.INSTITUTION_NAME, VR.LO, "Cohortflow Test Hospital");
    ds.putString(Tag.STATION_NAME, VR.SH, "SCANNER01");
    ds.putString(Tag.STUDY_DESCRIPTION, VR.LO, kind == Kind.CT ? "CT THORAX" : "MR BRAIN");
    ds.putString(Tag.SERIES_DESCRIPTION, VR.LO, kind == Kind.CT ? "Thorax 1.0 B31f" : "T1 MPRAGE SAG");
    ds.putString(Tag.MANUFACTURER_MODEL_NAME, VR.LO, kind == Kind.CT ? "SOMATOM Force" : "DISCOVERY MR750");
    ds.putString(Tag.PATIENT_NAME, VR.PN, "Doe^Jane");
    ds.putString(Tag.PATIENT_ID, VR.LO, "SYN" + seed);
    ds.putString(Tag.PATIENT_SEX, VR.CS, "F");
    ds.putString(Tag.PATIENT_AGE, VR.AS, "054Y");
    ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, kind == Kind.CT ? "CHEST" : "HEAD");
    ds.putNumbers(Tag.SLICE_THICKNESS, VR.DS, 1.0);
    if (kind == Kind.CT) {
      ds.putNumbers(Tag.KVP, VR.DS, 120);
      ds.putNumbers(Tag.EXPOSURE_TIME, VR.IS, 500);
      ds.putNumbers(Tag.X_RAY_TUBE_CURRENT, VR.IS, 210);
      ds.putNumbers(Tag.EXPOSURE, VR.IS, 105);
      ds.putString(Tag.CONVOLUTION_KERNEL, VR.SH, "B31f");
      ds.putNumbers(Tag.SPIRAL_PITCH_FACTOR, VR.FD, 0.8);
      ds.putNumbers(Tag.CTDI_VOL, VR.FD, 7.25);
    } else {
      ds.putString(Tag.SCANNING_SEQUENCE, VR.CS, "GR", "IR");
      ds.putString(Tag.SEQUENCE_VARIANT, VR.CS, "SP", "MP");
      ds.putString(Tag.SCAN_OPTIONS, VR.CS, "IR");
      ds.putString(Tag.MR_ACQUISITION_TYPE, VR.CS, "3D");
      ds.putString(Tag.SEQUENCE_NAME, VR.SH, "*tfl3d1_16ns");
      ds.putNumbers(Tag.REPETITION_TIME, VR.DS, 2300);
      ds.putNumbers(Tag.ECHO_TIME, VR.DS, 2.98);
      ds.putNumbers(Tag.INVERSION_TIME, VR.DS, 900);
      ds.putNumbers(Tag.ECHO_NUMBERS, VR.IS, 1);
      ds.putNumbers(Tag.MAGNETIC_FIELD_STRENGTH, VR.DS, 3);
      ds.putNumbers(Tag.ECHO_TRAIN_LENGTH, VR.IS, 1);
      ds.putNumbers(Tag.FLIP_ANGLE, VR.DS, 9);
      ds.putString(Tag.PARALLEL_ACQUISITION_TECHNIQUE, VR.CS, "GRAPPA");
    }
    ds.putString(Tag.PROTOCOL_NAME, VR.LO, kind == Kind.CT ? "Thorax routine" : "t1_mprage_sag");
    ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, studyUid);
    ds.putString(Tag.SERIES_INSTANCE_UID, VR.UI, seriesUid);
    ds.putNumbers(Tag.SERIES_NUMBER, VR.IS, kind == Kind.CT ? 2 : 5);
    ds.putNumbers(Tag.INSTANCE_NUMBER, VR.IS, number);
    double z = -200 + number * 1.0;
    ds.putNumbers(Tag.IMAGE_POSITION_PATIENT, VR.DS, -250, -250, z);
    ds.putNumbers(Tag.IMAGE_ORIENTATION_PATIENT, VR.DS, 1, 0, 0, 0, 1, 0);
    ds.putString(Tag.FRAME_OF_REFERENCE_UID, VR.UI, frameUid);
    ds.putNumbers(Tag.SLICE_LOCATION, VR.DS, z);
    if (kind == Kind.MR) {
      ds.putString(Tag.of(0x0029, 0x0010), VR.LO, "SIEMENS CSA HEADER");
      ds.putBytes(Tag.of(0x0029, 0x1010), VR.OB, vendorBlock());
    }
    ds.putNumbers(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME2");
    ds.putNumbers(Tag.ROWS, VR.US, kind.size);
    ds.putNumbers(Tag.COLUMNS, VR.US, kind.size);
    ds.putNumbers(Tag.PIXEL_SPACING, VR.DS, kind == Kind.CT ? 0.9765625 : 1.0, kind == Kind.CT ? 0.9765625 : 1.0);
    ds.putNumbers(Tag.BITS_ALLOCATED, VR.US, 16);
    ds.putNumbers(Tag.BITS_STORED, VR.US, kind == Kind.CT ? 12 : 16);
    ds.putNumbers(Tag.HIGH_BIT, VR.US, kind == Kind.CT ? 11 : 15);
    ds.putNumbers(Tag.PIXEL_REPRESENTATION, VR.US, kind == Kind.CT ? 1 : 0);
    if (kind == Kind.CT) {
      ds.putNumbers(Tag.RESCALE_INTERCEPT, VR.DS, -1024);
      ds.putNumbers(Tag.RESCALE_SLOPE, VR.DS, 1);
    }
    ds.putBytes(Tag.PIXEL_DATA, VR.OW, pixels);
    return ds;
  }

  /** A 6 KiB stand-in for the vendor header (e.g. Siemens CSA) that real MR files carry. */
  private static byte[] vendorBlock() {
    byte[] block = new byte[6 * 1024];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) ('A' + i % 26);
    }
    return block;
  }
}
