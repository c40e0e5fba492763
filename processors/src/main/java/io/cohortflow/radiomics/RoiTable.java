package io.cohortflow.radiomics;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the ROI table in either of its two forms. MEDimage's form has the columns
 * {@code PatientID, ImagingScanName, ImagingModality, ROIname}; the image is
 * {@code <PatientID>__<ScanName>.<Modality>.nii.gz} and each mask
 * {@code <PatientID>__<ScanName>(<ROI>).ROI.nii.gz} under the data folder, and ROIname may combine
 * masks ({@code {GTV_Mass}+{GTV_Edema}}, {@code {GTV_Edema}-{GTV_Mass}}). The plain form has
 * {@code case_id,image,mask[,label]} with paths relative to the data folder (or absolute).
 */
public final class RoiTable {
  private static final Set<String> MEDIMAGE = Set.of("PatientID", "ImagingScanName",
      "ImagingModality", "ROIname");
  private static final Pattern TERM = Pattern.compile("\\s*([+-]?)\\s*\\{([^{}]+)\\}\\s*");

  private RoiTable() {
  }

  /** @throws RadiomicsException naming the file and line for an unreadable or malformed table */
  public static List<RoiCase> read(Path csv, Path dataDir) {
    try (Reader in = Files.newBufferedReader(csv);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setTrim(true).setIgnoreEmptyLines(true).get().parse(in)) {
      List<String> header = parser.getHeaderNames();
      boolean medimage = header.containsAll(MEDIMAGE);
      if (!medimage && !header.containsAll(List.of("case_id", "image", "mask"))) {
        throw new RadiomicsException("ROI table " + csv + ": expected the columns " + MEDIMAGE
            + " or case_id,image,mask[,label], found " + header);
      }
      List<RoiCase> cases = new ArrayList<>();
      for (CSVRecord r : parser) {
        try {
          cases.add(medimage ? medimage(r, dataDir) : plain(r, dataDir));
        } catch (RadiomicsException | IllegalArgumentException e) {
          throw new RadiomicsException("ROI table " + csv + " line " + (r.getRecordNumber() + 1)
              + ": " + e.getMessage(), e);
        }
      }
      return cases;
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new RadiomicsException("cannot read ROI table " + csv + ": " + e.getMessage(), e);
    }
  }

  private static RoiCase medimage(CSVRecord r, Path dataDir) {
    String patient = r.get("PatientID");
    String scan = r.get("ImagingScanName");
    String modality = r.get("ImagingModality");
    String roi = r.get("ROIname");
    if (patient.isEmpty() || scan.isEmpty() || modality.isEmpty() || roi.isEmpty()) {
      throw new RadiomicsException("empty PatientID, ImagingScanName, ImagingModality or ROIname");
    }
    String stem = patient + "__" + scan;
    List<RoiCase.MaskTerm> masks = new ArrayList<>();
    for (String[] term : terms(roi)) {
      masks.add(new RoiCase.MaskTerm(dataDir.resolve(stem + "(" + term[1] + ").ROI.nii.gz"),
          term[0].equals("-")));
    }
    return new RoiCase(stem, roi, modality, dataDir.resolve(stem + "." + modality + ".nii.gz"),
        masks, null);
  }

  private static RoiCase plain(CSVRecord r, Path dataDir) {
    String id = r.get("case_id");
    if (id.isEmpty() || r.get("image").isEmpty() || r.get("mask").isEmpty()) {
      throw new RadiomicsException("empty case_id, image or mask");
    }
    Integer label = null;
    if (r.isMapped("label") && r.isSet("label") && !r.get("label").isEmpty()) {
      label = Integer.valueOf(r.get("label"));
    }
    Path mask = dataDir.resolve(r.get("mask"));
    return new RoiCase(id, label == null ? "mask" : "label" + label, "", dataDir.resolve(
        r.get("image")), List.of(new RoiCase.MaskTerm(mask, false)), label);
  }

  /** Splits {@code {A}+{B}-{C}} (or a bare name) into {sign, name} pairs. */
  static List<String[]> terms(String roi) {
    List<String[]> out = new ArrayList<>();
    if (!roi.contains("{")) {
      out.add(new String[] {"+", roi});
      return out;
    }
    Matcher m = TERM.matcher(roi);
    int at = 0;
    while (at < roi.length() && m.find(at) && m.start() == at) {
      String sign = m.group(1).isEmpty() ? "+" : m.group(1);
      if (out.isEmpty() && sign.equals("-")) {
        throw new RadiomicsException("ROI '" + roi + "' starts with a subtraction");
      }
      out.add(new String[] {sign, m.group(2)});
      at = m.end();
    }
    if (at != roi.length() || out.isEmpty()) {
      throw new RadiomicsException("cannot parse ROI name '" + roi
          + "' (expected {name}, {a}+{b} or {a}-{b})");
    }
    return out;
  }
}
