package io.cohortflow.radiomics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the results of a batch: {@code features.csv} (one row per case × ROI × processing setting,
 * columns named by IBSI tags, failed cases with their error), {@code diagnostics.csv} (the
 * processing chain's diagnostics per case) and {@code cases/<case>__<roi>.json} with every value,
 * the settings hash and the status. Every file is written to a temporary name in its folder and
 * renamed into place, so a reader never sees half a file.
 */
public final class RadiomicsOutputs {
  private static final List<String> KEY_COLUMNS = List.of("case_id", "roi", "modality", "setting",
      "status", "error");

  private RadiomicsOutputs() {
  }

  public static void write(Path outDir, List<CaseOutcome> outcomes, String settingsHash)
      throws IOException {
    Files.createDirectories(outDir.resolve("cases"));
    writeFeatures(outDir.resolve("features.csv"), outcomes);
    writeDiagnostics(outDir.resolve("diagnostics.csv"), outcomes);
    for (CaseOutcome o : outcomes) {
      writeJson(outDir.resolve("cases").resolve(fileStem(o.roiCase()) + ".json"), o, settingsHash);
    }
  }

  /** A file-name-safe {@code <case>__<roi>}. */
  public static String fileStem(RoiCase c) {
    return (c.caseId() + "__" + c.roiName()).replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  private static void writeFeatures(Path file, List<CaseOutcome> outcomes) throws IOException {
    Set<String> tags = new LinkedHashSet<>();
    for (CaseOutcome o : outcomes) {
      if (o.succeeded()) {
        o.features().rows().forEach(r -> tags.addAll(r.features().keySet()));
      }
    }
    List<String> header = new ArrayList<>(KEY_COLUMNS);
    header.addAll(tags);
    atomically(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
          .setHeader(header.toArray(new String[0])).get())) {
        for (CaseOutcome o : outcomes) {
          RoiCase c = o.roiCase();
          if (!o.succeeded()) {
            List<Object> row = new ArrayList<>(List.of(c.caseId(), c.roiName(), c.modality(), "",
                "error", o.error()));
            tags.forEach(t -> row.add(""));
            csv.printRecord(row);
            continue;
          }
          for (CaseFeatures.Row r : o.features().rows()) {
            List<Object> row = new ArrayList<>(List.of(c.caseId(), c.roiName(), c.modality(),
                r.setting(), "ok", ""));
            for (String t : tags) {
              Double v = r.features().get(t);
              row.add(v == null ? "" : format(v));
            }
            csv.printRecord(row);
          }
        }
      }
    });
  }

  private static void writeDiagnostics(Path file, List<CaseOutcome> outcomes) throws IOException {
    Set<String> tags = new LinkedHashSet<>();
    outcomes.stream().filter(CaseOutcome::succeeded)
        .forEach(o -> tags.addAll(o.features().diagnostics().keySet()));
    List<String> header = new ArrayList<>(List.of("case_id", "roi"));
    header.addAll(tags);
    atomically(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
          .setHeader(header.toArray(new String[0])).get())) {
        for (CaseOutcome o : outcomes) {
          if (o.succeeded()) {
            List<Object> row = new ArrayList<>(List.of(o.roiCase().caseId(), o.roiCase().roiName()));
            for (String t : tags) {
              Double v = o.features().diagnostics().get(t);
              row.add(v == null ? "" : format(v));
            }
            csv.printRecord(row);
          }
        }
      }
    });
  }

  private static void writeJson(Path file, CaseOutcome o, String settingsHash) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    RoiCase c = o.roiCase();
    root.put("case_id", c.caseId());
    root.put("roi", c.roiName());
    root.put("modality", c.modality());
    root.put("image", c.image().toString());
    root.put("settings_sha256", settingsHash);
    root.put("status", o.succeeded() ? "ok" : "error");
    if (!o.succeeded()) {
      root.put("error", o.error());
    } else {
      putValues(root.putObject("diagnostics"), o.features().diagnostics());
      putValues(root.putObject("seconds"), o.features().seconds());
      ArrayNode rows = root.putArray("settings");
      for (CaseFeatures.Row r : o.features().rows()) {
        ObjectNode row = rows.addObject();
        row.put("setting", r.setting());
        putValues(row.putObject("features"), r.features());
      }
    }
    atomically(file, out -> mapper.writeValue(out, root));
  }

  private static void putValues(ObjectNode node, Map<String, Double> values) {
    values.forEach((k, v) -> {
      if (v.isNaN() || v.isInfinite()) {
        node.putNull(k);
      } else {
        node.put(k, v);
      }
    });
  }

  /** Shortest decimal that reads back as the same double; empty for NaN. */
  static String format(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  /** Writes through a temporary file in the same folder, then renames it over {@code file}. */
  static void atomically(Path file, WriterBody body) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(),
        ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.write(out);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Content written to a file. */
  @FunctionalInterface
  interface WriterBody {
    void write(Writer out) throws IOException;
  }
}
