package io.cohortflow.watch;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.ExtractionListener;
import io.cohortflow.extraction.ExtractionOptions;
import io.cohortflow.extraction.ExtractionSummary;
import io.cohortflow.extraction.HeaderReader;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.ExtractionWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a dataset drop: a folder under the inbox's datasets area, completed by a marker file.
 * The folder is imported as the cohort of its name exactly as {@code cohortflow extract} would
 * (its subfolders are subjects; same tables, keys and resume rules, one transaction per batch);
 * then the cohort's CSV files, a {@code summary.csv} and one stacks CSV per series
 * ({@code series/UID.csv}) are written to {@code OUTBOX/datasets/NAME/}, refused files are
 * copied to {@code failed/} with a sidecar, and the folder is moved to {@code processed/}. A run
 * cut short is resumed by the next attempt.
 */
public final class DatasetIngest {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetIngest.class);
  static final String ROUTE = "dataset-drop";
  /** Series per export query (their UIDs are its parameters). */
  private static final int SERIES_PER_EXPORT = 1000;

  private final WatchConfig config;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final ExtractionWriter writer;
  private final CohortExporter exporter;
  private final FailedInputs failed;
  private final WatchStatistics statistics;

  DatasetIngest(WatchConfig config, HeaderReader reader, PatientIdentifiers identifiers,
      ExtractionWriter writer, CohortExporter exporter, FailedInputs failed,
      WatchStatistics statistics) {
    this.config = config;
    this.reader = reader;
    this.identifiers = identifiers;
    this.writer = writer;
    this.exporter = exporter;
    this.failed = failed;
    this.statistics = statistics;
  }

  private record Refusal(String relativePath, String stage, String message) {}

  /** Ingests the dataset whose marker file is {@code marker}. */
  void ingest(Path marker) throws IOException, SQLException, InterruptedException,
      CohortExporter.UnknownCohortException {
    Path dataset = marker.toAbsolutePath().normalize().getParent();
    String name = dataset.getFileName().toString();
    List<Refusal> refusals = new ArrayList<>();
    ExtractionListener listener = new ExtractionListener() {
      @Override
      public void fileFailed(String relativePath, String stage, String message) {
        refusals.add(new Refusal(relativePath, stage, message));
      }
    };
    ExtractionOptions options = new ExtractionOptions(dataset, name, config.workers(),
        config.batchSize(), true, false, config.storeIdentifiers());
    ExtractionSummary summary;
    try {
      summary = new CohortExtractor(options, reader, writer, identifiers, listener).run();
    } catch (CohortExtractor.NothingToImportException e) {
      failed.copy(marker, inboxRelative(marker), ROUTE, "discover", e.getMessage());
      LOG.warn("Dataset {} refused: {}", name, e.getMessage());
      archive(dataset);
      return;
    }
    Path outputs = config.outbox().resolve("datasets").resolve(name);
    Map<String, Long> rows = exporter.export(name, outputs);
    exportSeries(name, outputs.resolve("series"));
    writeSummary(outputs.resolve("summary.csv"), name, summary, rows);
    for (Refusal refusal : refusals) {
      Path file = dataset.resolve(refusal.relativePath());
      failed.copy(file, inboxRelative(file), ROUTE, refusal.stage(), refusal.message());
    }
    archive(dataset);
    statistics.filesImported.addAndGet(summary.filesImported());
    statistics.filesFailed.addAndGet(summary.filesFailed());
    statistics.datasetsIngested.incrementAndGet();
    LOG.info("Dataset {}: {} subjects, {} files found, {} imported, {} already imported,"
        + " {} failed; job {}", name, summary.subjects(), summary.filesFound(),
        summary.filesImported(), summary.filesSkipped(), summary.filesFailed(), summary.jobId());
  }

  /** One stacks CSV per series of the dataset, as the trickle route writes per series. */
  private void exportSeries(String name, Path dir)
      throws SQLException, IOException, CohortExporter.UnknownCohortException {
    List<String> uids = exporter.seriesUids(name);
    for (int from = 0; from < uids.size(); from += SERIES_PER_EXPORT) {
      Map<String, Path> files = new LinkedHashMap<>();
      for (String uid : uids.subList(from, Math.min(uids.size(), from + SERIES_PER_EXPORT))) {
        files.put(uid, dir.resolve(SeriesIngest.safeName(uid) + ".csv"));
      }
      exporter.exportSeriesStacks(name, files);
    }
  }

  private String inboxRelative(Path file) {
    return config.inbox().relativize(file.toAbsolutePath().normalize()).toString();
  }

  private static void writeSummary(Path file, String name, ExtractionSummary s,
      Map<String, Long> rows) throws IOException {
    String header = "dataset,job_id,subjects,files_found,files_imported,files_skipped,"
        + "files_failed,studies,series,stacks,instances\r\n";
    String line = String.join(",", csvField(name), String.valueOf(s.jobId()),
        String.valueOf(s.subjects()), String.valueOf(s.filesFound()),
        String.valueOf(s.filesImported()), String.valueOf(s.filesSkipped()),
        String.valueOf(s.filesFailed()), String.valueOf(rows.get("studies.csv")),
        String.valueOf(rows.get("series.csv")), String.valueOf(rows.get("stacks.csv")),
        String.valueOf(rows.get("instances.csv")));
    AtomicFiles.writeText(file, header + line + "\r\n");
  }

  private static String csvField(String value) {
    return value.matches("[^,\"\r\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
  }

  /**
   * Moves the dataset folder to processed/ under its own path, so that each of its files is where
   * its relative path says (the S3 archiver looks there); an earlier drop of the same name is
   * first moved aside, to NAME-MILLIS.
   */
  private void archive(Path dataset) throws IOException {
    Path target = AtomicFiles.inside(config.processedArea(), inboxRelative(dataset));
    if (Files.exists(target)) {
      Files.move(target,
          target.resolveSibling(target.getFileName() + "-" + Instant.now().toEpochMilli()));
    }
    Files.createDirectories(target.getParent());
    Files.move(dataset, target);
  }
}
