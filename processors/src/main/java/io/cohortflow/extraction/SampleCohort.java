package io.cohortflow.extraction;

import io.cohortflow.dicom.DicomObject;
import io.cohortflow.dicom.DicomWriter;
import io.cohortflow.dicom.Tag;
import io.cohortflow.dicom.Uids;
import io.cohortflow.dicom.VR;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a realistic synthetic cohort: per subject an MR study (two-echo GRE, sagittal T1, DWI
 * b0/b1000, magnitude + phase), a CT study (120 kV with dose-modulated tube current, 80 kV at
 * constant current, and a two-plane localizer) and a PET study, as small Part 10 files, plus
 * {@code ground-truth.csv}: every series' expected stacks and instance counts. The same seed always
 * gives the same files, UIDs included.
 */
public final class SampleCohort {
  /** Name of the ground-truth file written at the root of the cohort. */
  public static final String GROUND_TRUTH = "ground-truth.csv";

  private static final String MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
  private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  private static final String PET_STORAGE = "1.2.840.10008.5.1.4.1.1.128";
  private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
  private static final double[] SAGITTAL = {0, 1, 0, 0, 0, -1};
  private static final double[] CORONAL = {1, 0, 0, 0, 0, -1};
  /** Slices per series of the default sample. */
  public static final int DEFAULT_SLICES = 8;
  private static final int MATRIX = 16;

  private final Path out;
  private final long seed;
  private final int slices;
  private final DicomWriter writer = DicomWriter.explicitVrLittleEndian();
  /** series UID → stack key → instance count, per subject, for the ground truth. */
  private final Map<String, Map<String, Map<String, Integer>>> truth = new TreeMap<>();
  private final Map<String, String> seriesModality = new TreeMap<>();
  private final Map<String, String> seriesStudy = new TreeMap<>();
  private int files;

  private SampleCohort(Path out, long seed, int slices) {
    this.out = out;
    this.seed = seed;
    this.slices = slices;
  }

  /** Writes {@code subjects} subjects under {@code out}; returns the number of DICOM files. */
  public static int write(Path out, int subjects, long seed) throws IOException {
    return write(out, subjects, seed, DEFAULT_SLICES);
  }

  /** As {@link #write(Path, int, long)} with {@code slices} slices per series. */
  public static int write(Path out, int subjects, long seed, int slices) throws IOException {
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be at least 1, got " + slices);
    }
    if (subjects < 1) {
      throw new IllegalArgumentException("--subjects must be at least 1, got " + subjects);
    }
    SampleCohort cohort = new SampleCohort(out, seed, slices);
    Files.createDirectories(out);
    for (int s = 1; s <= subjects; s++) {
      cohort.writeSubject(String.format("SUBJ-%03d", s));
    }
    cohort.writeGroundTruth();
    return cohort.files;
  }

  private String uid(String... parts) {
    String name = seed + "/" + String.join("/", parts);
    return Uids.fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  private void writeSubject(String subject) throws IOException {
    writeMrStudy(subject);
    writeCtStudy(subject);
    writePetStudy(subject);
  }

  /** What varies between the instances of one series. */
  private record Acquisition(Double echoTime, Double inversionTime, Double flipAngle,
      Integer echoNumber, String imageType, double[] orientation, Double kvp, Double tubeCurrent,
      Double exposure, Double bValue, String expectedKey) {}

  private static Acquisition mr(double te, Double ti, double fa, int echo, String type,
      double[] orientation, Double bValue, String key) {
    return new Acquisition(te, ti, fa, echo, "ORIGINAL\\PRIMARY\\" + type, orientation, null,
        null, null, bValue, key);
  }

  private void writeMrStudy(String subject) throws IOException {
    String study = uid(subject, "MR");
    List<Acquisition> gre = new ArrayList<>();
    List<Acquisition> t1 = new ArrayList<>();
    List<Acquisition> dwi = new ArrayList<>();
    List<Acquisition> magPhase = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      gre.add(mr(2.5, null, 15, 1, "M", AXIAL, null, "MR|TE=2.5|TI=NA|FA=15|ECHO=1|TYPE=M|ORIENT=AX"));
      gre.add(mr(5.0, null, 15, 2, "M", AXIAL, null, "MR|TE=5|TI=NA|FA=15|ECHO=2|TYPE=M|ORIENT=AX"));
      t1.add(mr(2.5, 900.0, 9, 1, "M", SAGITTAL, null,
          "MR|TE=2.5|TI=900|FA=9|ECHO=1|TYPE=M|ORIENT=SAG"));
      for (double b : new double[] {0, 1000}) {
        dwi.add(mr(89.0, null, 90, 1, "DIFFUSION", AXIAL, b,
            "MR|TE=89|TI=NA|FA=90|ECHO=1|TYPE=DIFFUSION|ORIENT=AX"));
      }
      magPhase.add(mr(20.0, null, 15, 1, "M", AXIAL, null,
          "MR|TE=20|TI=NA|FA=15|ECHO=1|TYPE=M|ORIENT=AX"));
      magPhase.add(mr(20.0, null, 15, 1, "P", AXIAL, null,
          "MR|TE=20|TI=NA|FA=15|ECHO=1|TYPE=P|ORIENT=AX"));
    }
    writeSeries(subject, study, "MR", 1, "GRE 2 echoes", gre, "IM_%04d.dcm");
    writeSeries(subject, study, "MR", 2, "SAG T1 MPRAGE", t1, "IM_%04d.dcm");
    writeSeries(subject, study, "MR", 3, "DWI b0 b1000", dwi, "IM_%04d.dcm");
    writeSeries(subject, study, "MR", 4, "SWI magnitude phase", magPhase, "IM_%04d.DCM");
  }

  private void writeCtStudy(String subject) throws IOException {
    String study = uid(subject, "CT");
    List<Acquisition> modulated = new ArrayList<>();
    List<Acquisition> constant = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      double current = 180 + 15 * Math.sin(i) + 10 * i;
      modulated.add(new Acquisition(null, null, null, null, "ORIGINAL\\PRIMARY\\AXIAL", AXIAL,
          120.0, current, current * 0.02, null,
          "CT|KVP=120|MA=MOD|EXP=MOD|ORIENT=AX"));
      constant.add(new Acquisition(null, null, null, null, "ORIGINAL\\PRIMARY\\AXIAL", AXIAL,
          80.0, 300.0, 5.0, null, "CT|KVP=80|MA=300|EXP=5|ORIENT=AX"));
    }
    List<Acquisition> localizer = List.of(
        new Acquisition(null, null, null, null, "ORIGINAL\\PRIMARY\\LOCALIZER", CORONAL, 120.0,
            50.0, 1.0, null, "CT|KVP=120|MA=50|EXP=1|ORIENT=COR"),
        new Acquisition(null, null, null, null, "ORIGINAL\\PRIMARY\\LOCALIZER", SAGITTAL, 120.0,
            50.0, 1.0, null, "CT|KVP=120|MA=50|EXP=1|ORIENT=SAG"));
    writeSeries(subject, study, "CT", 1, "Localizer", localizer, "CT%06d");
    writeSeries(subject, study, "CT", 2, "Thorax 120kV", modulated, "CT%06d");
    writeSeries(subject, study, "CT", 3, "Thorax 80kV", constant, "CT%06d");
  }

  private void writePetStudy(String subject) throws IOException {
    String study = uid(subject, "PT");
    List<Acquisition> bed = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      bed.add(new Acquisition(null, null, null, null, "ORIGINAL\\PRIMARY", AXIAL, null, null,
          null, null, "PT|BED=" + slices + "|FRAME=WHOLE BODY|ORIENT=AX"));
    }
    writeSeries(subject, study, "PT", 1, "PET WB AC", bed, "1.3.12.2.%d");
  }

  private void writeSeries(String subject, String study, String modality, int number,
      String description, List<Acquisition> instances, String namePattern) throws IOException {
    String series = uid(subject, modality, Integer.toString(number));
    Path dir = out.resolve(subject).resolve(modality + "_" + studyDate(subject))
        .resolve(String.format("%02d_%s", number, description.replace(' ', '_')));
    Files.createDirectories(dir);
    seriesModality.put(series, modality);
    seriesStudy.put(series, study);
    for (int i = 0; i < instances.size(); i++) {
      Acquisition a = instances.get(i);
      DicomObject d = instance(subject, study, series, modality, number, description, i, a,
          instances.size());
      writer.write(dir.resolve(String.format(namePattern, i + 1)), d);
      files++;
      truth.computeIfAbsent(subject, k -> new TreeMap<>())
          .computeIfAbsent(series, k -> new TreeMap<>()).merge(a.expectedKey(), 1, Integer::sum);
    }
  }

  private String studyDate(String subject) {
    return "2024" + String.format("%02d", 1 + Math.floorMod(subject.hashCode(), 12)) + "15";
  }

  private DicomObject instance(String subject, String study, String series, String modality,
      int seriesNumber, String description, int index, Acquisition a, int count) {
    DicomObject d = new DicomObject();
    String sopClass = switch (modality) {
      case "MR" -> MR_STORAGE;
      case "CT" -> CT_STORAGE;
      default -> PET_STORAGE;
    };
    d.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
    d.putString(Tag.IMAGE_TYPE, VR.CS, a.imageType().split("\\\\"));
    d.putString(Tag.SOP_CLASS_UID, VR.UI, sopClass);
    d.putString(Tag.SOP_INSTANCE_UID, VR.UI, uid(series, Integer.toString(index)));
    d.putString(Tag.STUDY_DATE, VR.DA, studyDate(subject));
    d.putString(Tag.SERIES_DATE, VR.DA, studyDate(subject));
    d.putString(Tag.STUDY_TIME, VR.TM, "093000.000000");
    d.putString(Tag.SERIES_TIME, VR.TM, String.format("09%02d00", 30 + seriesNumber));
    d.putString(Tag.MODALITY, VR.CS, modality);
    d.putString(Tag.MANUFACTURER, VR.LO, "cohortflow");
    d.putString(Tag.INSTITUTION_NAME, VR.LO, "Sample Hospital");
    d.putString(Tag.STUDY_DESCRIPTION, VR.LO, modality + " sample study");
    d.putString(Tag.SERIES_DESCRIPTION, VR.LO, description);
    d.putString(Tag.MANUFACTURER_MODEL_NAME, VR.LO, "Sample " + modality);
    d.putString(Tag.PATIENT_NAME, VR.PN, "Sample^" + subject);
    d.putString(Tag.PATIENT_ID, VR.LO, "PID-" + subject);
    d.putString(Tag.PATIENT_SEX, VR.CS, subject.hashCode() % 2 == 0 ? "F" : "M");
    d.putString(Tag.PATIENT_AGE, VR.AS, "054Y");
    putAcquisition(d, modality, a, count);
    d.putString(Tag.STUDY_INSTANCE_UID, VR.UI, study);
    d.putString(Tag.SERIES_INSTANCE_UID, VR.UI, series);
    d.putNumbers(Tag.SERIES_NUMBER, VR.IS, seriesNumber);
    d.putNumbers(Tag.INSTANCE_NUMBER, VR.IS, index + 1);
    double z = index * 3.0;
    d.putNumbers(Tag.IMAGE_POSITION_PATIENT, VR.DS, -120.0, -120.0, z);
    d.putNumbers(Tag.IMAGE_ORIENTATION_PATIENT, VR.DS, a.orientation());
    d.putString(Tag.FRAME_OF_REFERENCE_UID, VR.UI, uid(study, "frame"));
    d.putNumbers(Tag.SLICE_LOCATION, VR.DS, z);
    putPixels(d, index);
    return d;
  }

  private static void putAcquisition(DicomObject d, String modality, Acquisition a, int count) {
    d.putString(Tag.BODY_PART_EXAMINED, VR.CS, modality.equals("MR") ? "BRAIN" : "CHEST");
    d.putNumbers(Tag.SLICE_THICKNESS, VR.DS, 3.0);
    if (modality.equals("MR")) {
      d.putString(Tag.SCANNING_SEQUENCE, VR.CS, a.inversionTime() != null ? "GR\\IR" : "GR");
      d.putString(Tag.SEQUENCE_VARIANT, VR.CS, "SP");
      d.putString(Tag.MR_ACQUISITION_TYPE, VR.CS, "3D");
      d.putNumbers(Tag.REPETITION_TIME, VR.DS, 2300.0);
      d.putNumbers(Tag.ECHO_TIME, VR.DS, a.echoTime());
      if (a.inversionTime() != null) {
        d.putNumbers(Tag.INVERSION_TIME, VR.DS, a.inversionTime());
      }
      d.putNumbers(Tag.ECHO_NUMBERS, VR.IS, a.echoNumber());
      d.putNumbers(Tag.MAGNETIC_FIELD_STRENGTH, VR.DS, 3.0);
      d.putNumbers(Tag.FLIP_ANGLE, VR.DS, a.flipAngle());
      if (a.bValue() != null) {
        d.putNumbers(Tag.DIFFUSION_B_VALUE, VR.FD, a.bValue());
      }
    } else if (modality.equals("CT")) {
      d.putNumbers(Tag.KVP, VR.DS, a.kvp());
      d.putNumbers(Tag.X_RAY_TUBE_CURRENT, VR.IS, Math.round(a.tubeCurrent()));
      d.putNumbers(Tag.EXPOSURE, VR.IS, Math.round(a.exposure()));
      d.putNumbers(Tag.EXPOSURE_TIME, VR.IS, 500);
      d.putString(Tag.CONVOLUTION_KERNEL, VR.SH, "STANDARD");
    } else {
      DicomObject drug = new DicomObject();
      drug.putString(Tag.RADIOPHARMACEUTICAL, VR.LO, "Fluorodeoxyglucose");
      drug.putNumbers(Tag.RADIONUCLIDE_TOTAL_DOSE, VR.DS, 370000000.0);
      drug.putNumbers(Tag.RADIONUCLIDE_HALF_LIFE, VR.DS, 6586.2);
      d.putSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, List.of(drug));
      d.putString(Tag.SERIES_TYPE, VR.CS, "WHOLE BODY", "IMAGE");
      d.putString(Tag.UNITS, VR.CS, "BQML");
      d.putNumbers(Tag.NUMBER_OF_SLICES, VR.US, count);
      d.putString(Tag.ATTENUATION_CORRECTION_METHOD, VR.LO, "CTAC");
      d.putString(Tag.RECONSTRUCTION_METHOD, VR.LO, "OSEM");
      d.putString(Tag.SUV_TYPE, VR.CS, "BW");
    }
  }

  private static void putPixels(DicomObject d, int index) {
    d.putNumbers(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
    d.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME2");
    d.putNumbers(Tag.ROWS, VR.US, MATRIX);
    d.putNumbers(Tag.COLUMNS, VR.US, MATRIX);
    d.putNumbers(Tag.PIXEL_SPACING, VR.DS, 1.5, 1.5);
    d.putNumbers(Tag.BITS_ALLOCATED, VR.US, 16);
    d.putNumbers(Tag.BITS_STORED, VR.US, 12);
    d.putNumbers(Tag.HIGH_BIT, VR.US, 11);
    d.putNumbers(Tag.PIXEL_REPRESENTATION, VR.US, 0);
    byte[] pixels = new byte[MATRIX * MATRIX * 2];
    for (int i = 0; i < MATRIX * MATRIX; i++) {
      int value = (i * 7 + index * 13) % 4096;
      pixels[2 * i] = (byte) value;
      pixels[2 * i + 1] = (byte) (value >> 8);
    }
    d.putBytes(Tag.PIXEL_DATA, VR.OW, pixels);
  }

  private void writeGroundTruth() throws IOException {
    Path file = out.resolve(GROUND_TRUTH);
    Path temp = out.resolve(GROUND_TRUTH + ".tmp");
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader("subject",
            "study_instance_uid", "series_instance_uid", "modality", "stack_key",
            "instance_count").get())) {
      for (var subject : truth.entrySet()) {
        for (var series : subject.getValue().entrySet()) {
          for (var stack : series.getValue().entrySet()) {
            csv.printRecord(subject.getKey(), seriesStudy.get(series.getKey()), series.getKey(),
                seriesModality.get(series.getKey()), stack.getKey(), stack.getValue());
          }
        }
      }
    }
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
