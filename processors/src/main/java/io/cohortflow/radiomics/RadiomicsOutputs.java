package io.cohortflow.radiomics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortflow.store.CsvMerge;
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

  /** The CSV format of {@code features.csv} and {@code diagnostics.csv}. */
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

  private RadiomicsOutputs() {
  }

  /** One output folder read for a merge: its two tables and its per-case JSON files. */
  public record Results(Path dir, CsvMerge.Table features, CsvMerge.Table diagnostics,
      List<Path> caseFiles) {}

  /** Reads an output folder written by {@link #write}, checking it can be merged. */
  public static Results read(Path dir) throws IOException {
    CsvMerge.Table features = CsvMerge.read(dir.resolve("features.csv"), FORMAT);
    CsvMerge.Table diagnostics = CsvMerge.read(dir.resolve("diagnostics.csv"), FORMAT);
    List<Path> cases = new ArrayList<>();
    Path caseDir = dir.resolve("cases");
    if (Files.isDirectory(caseDir)) {
      try (var files = Files.list(caseDir)) {
        files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
            .forEach(cases::add);
      }
    }
    return new Results(dir, features, diagnostics, cases);
  }

  /**
   * Merges output folders of separate runs (e.g. one case per Nextflow task), in the given order,
   * into the files one run over all their cases writes: rows in that order, the union of the
   * feature columns, every case's JSON. Returns the feature rows written.
   */
  public static long merge(List<Results> parts, Path outDir) throws IOException {
    Path cases = Files.createDirectories(outDir.resolve("cases"));
    for (Results part : parts) {
      for (Path json : part.caseFiles()) {
        Path target = cases.resolve(json.getFileName().toString());
        if (Files.exists(target)) {
          throw new CsvMerge.MergeException(json, "a second result for case file " + target);
        }
        Files.copy(json, target);
      }
    }
    CsvMerge.write(parts.stream().map(Results::diagnostics).toList(), List.of(),
        outDir.resolve("diagnostics.csv"), FORMAT);
    return CsvMerge.write(parts.stream().map(Results::features).toList(), List.of(),
        outDir.resolve("features.csv"), FORMAT);
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
      try (CSVPrinter csv = new CSVPrinter(out, FORMAT.builder()
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
      try (CSVPrinter csv = new CSVPrinter(out, FORMAT.builder()
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
