package io.cohortflow.watch;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.ExtractionOptions;
import io.cohortflow.extraction.ExtractionSummary;
import io.cohortflow.extraction.HeaderReader;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.extraction.SeriesPlan;
import io.cohortflow.extraction.SeriesWork;
import io.cohortflow.extraction.SubjectPlanner;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.store.ExtractionWriter.ErrorRow;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import io.cohortflow.store.ExtractionWriter.JobCounters;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a dataset drop: a folder under the inbox's datasets area, completed by a marker file.
 * The folder is imported as the cohort of its name as {@code cohortflow extract} would (its
 * subfolders are subjects; same tables, keys, job row and resume rules), but series by series:
 * {@link #start} plans it ({@link SeriesPlan}), the route hands each series to {@link #write} in
 * its own exchange, and the rows of a subject's series go to the database in batches of
 * {@code batch-size}, one transaction each, the subject's last batch also planning its stacks.
 * Each committed subject's series get their stacks CSV ({@code series/UID.csv}) in the background
 * ({@link DatasetSeriesExports}); {@link #finish} then writes the cohort's CSV files and a
 * {@code summary.csv} to {@code OUTBOX/datasets/NAME/}, copies refused files to
 * {@code failed/} with a sidecar and moves the folder to {@code processed/}. A run cut short is
 * resumed by the next attempt.
 */
public final class DatasetIngest {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetIngest.class);
  static final String ROUTE = "dataset-drop";

  private final WatchConfig config;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final ExtractionWriter writer;
  private final CohortExporter exporter;
  private final FailedInputs failed;
  private final WatchStatistics statistics;
  private final DatasetRetries retries;
  private final Executor exportThread;
  private final OutboxChanges outboxChanges;

  /**
   * @param exportThread writes the series CSVs while the import goes on
   * @param outboxChanges told of each dataset's outputs folder once written
   */
  DatasetIngest(WatchConfig config, HeaderReader reader, PatientIdentifiers identifiers,
      ExtractionWriter writer, CohortExporter exporter, FailedInputs failed,
      WatchStatistics statistics, DatasetRetries retries, Executor exportThread,
      OutboxChanges outboxChanges) {
    this.config = config;
    this.reader = reader;
    this.identifiers = identifiers;
    this.writer = writer;
    this.exporter = exporter;
    this.failed = failed;
    this.statistics = statistics;
    this.retries = retries;
    this.exportThread = exportThread;
    this.outboxChanges = outboxChanges;
  }

  /** A dataset being ingested: its marker, its job, its plan and the rows not yet written. */
  static final class Run {
    private final Path marker;
    private final Path dataset;
    private final String name;
    private final ImportJob job;
    private final SeriesPlan plan;
    private final Path outputs;
    private final DatasetSeriesExports seriesFiles;
    private final List<InstanceRow> unwritten = new ArrayList<>();
    private final List<ErrorRow> refused = new ArrayList<>();
    /** The series of the subject being written. */
    private final List<String> subjectSeries = new ArrayList<>();
    private SeriesWork lastTaken;

    private Run(Path marker, Path dataset, ImportJob job, SeriesPlan plan, Path outputs,
        DatasetSeriesExports seriesFiles) {
      this.marker = marker;
      this.dataset = dataset;
      this.name = dataset.getFileName().toString();
      this.job = job;
      this.plan = plan;
      this.outputs = outputs;
      this.seriesFiles = seriesFiles;
    }

    /** The dataset's series, for the route to split. */
    SeriesPlan plan() {
      return plan;
    }
  }

  /**
   * Starts ingesting the dataset whose marker file is {@code marker}: its plan, then its job. A
   * folder that cannot be listed fails before the cohort and job rows exist, so no attempt leaves
   * a job {@code running} or an empty cohort.
   */
  Run start(Path marker) throws IOException, SQLException {
    Path dataset = marker.toAbsolutePath().normalize().getParent();
    ExtractionOptions options = new ExtractionOptions(dataset, dataset.getFileName().toString(),
        config.workers(), config.batchSize(), true, false, config.storeIdentifiers());
    // opened first, so that a folder gone or unreadable leaves no cohort row either
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataset)) {
      entries.iterator();
    }
    long cohortId = writer.ensureCohort(options.cohort(), dataset.toString());
    SeriesPlan plan = new SeriesPlan(options, reader, writer, identifiers, cohortId);
    ImportJob job;
    try {
      job = ImportJob.start(writer, "extract", cohortId, options.parametersJson());
    } catch (SQLException | RuntimeException e) {
      plan.close();
      throw e;
    }
    // the marker itself (READY has no extension) is not a stray file
    long stray = plan.rootFiles()
        - (SubjectPlanner.hasCandidateName(marker.getFileName().toString()) ? 1 : 0);
    if (stray > 0) {
      LOG.warn("{} files directly under {} are not in a subject folder and were not imported",
          stray, dataset);
    }
    Path outputs = config.outbox().resolve("datasets").resolve(options.cohort());
    return new Run(marker, dataset, job, plan, outputs, new DatasetSeriesExports(exporter,
        options.cohort(), outputs.resolve("series"), exportThread));
  }

  /**
   * Writes one series of the dataset: its rows join the subject's unwritten ones, full batches are
   * committed, and the subject's last series commits the rest with the subject's stacks. The same
   * series handed in again (a redelivery after a failed commit) is not added twice.
   */
  void write(Run run, SeriesWork series) throws SQLException {
    if (run.lastTaken != series) {
      run.unwritten.addAll(series.rows());
      run.lastTaken = series;
      if (series.seriesInstanceUid() != null) {
        run.subjectSeries.add(series.seriesInstanceUid());
        statistics.seriesWritten.incrementAndGet();
      }
    }
    int batch = config.batchSize();
    while (run.unwritten.size() >= batch) {
      commit(run, series, run.unwritten.subList(0, batch), List.of(), 0, false);
    }
    if (series.lastOfSubject()) {
      commit(run, series, run.unwritten, series.refused(), series.skipped(), true);
      run.refused.addAll(series.refused());
      run.seriesFiles.committed(List.copyOf(run.subjectSeries));
      run.subjectSeries.clear();
      LOG.debug("Subject {} of dataset {} written", series.subjectKey(), run.name);
    }
  }

  private void commit(Run run, SeriesWork series, List<InstanceRow> rows, List<ErrorRow> errors,
      long skipped, boolean completesSubject) throws SQLException {
    ExtractionWriter.BatchResult result = run.job.write(series.subjectId(), List.copyOf(rows),
        errors, skipped, completesSubject);
    statistics.filesImported.addAndGet(result.written());
    statistics.filesFailed.addAndGet(errors.size() + result.conflicts());
    rows.clear();
  }

  /**
   * Ends an attempt at the dataset of {@code marker} that failed: the dataset waits before it is
   * taken again ({@link DatasetRetries}); a run that had started ({@code run} not null) stops
   * its plan and has its job marked {@code failed}.
   */
  void abandon(Path marker, Run run) {
    retries.failed(marker);
    if (run == null) {
      return;
    }
    run.plan.close();
    try {
      run.job.finish("failed");
    } catch (SQLException e) {
      LOG.debug("Could not mark job {} failed", run.job.jobId(), e);
    }
  }

  /** Completes a dataset whose series are all written: outputs, refused files, archive. */
  void finish(Run run) throws IOException, SQLException, CohortExporter.UnknownCohortException,
      InterruptedException {
    run.plan.close();
    Path dataset = run.dataset;
    String name = run.name;
    JobCounters counters = run.job.counters();
    if (counters.found() == 0 && run.plan.subjectsSkipped() == 0) {
      run.job.finish("failed");
      String reason = CohortExtractor.nothingFound(dataset, false);
      failed.copy(run.marker, inboxRelative(run.marker), ROUTE, "discover", reason);
      LOG.warn("Dataset {} refused: {}", name, reason);
      archive(dataset);
      retries.succeeded(run.marker);
      return;
    }
    run.job.finish(counters.failed() > 0 ? "partial" : "succeeded");
    ExtractionSummary summary = new ExtractionSummary(run.job.jobId(), run.plan.subjects(),
        run.plan.subjectsSkipped(), run.plan.rootFiles(), counters.found(), counters.imported(),
        counters.skipped(), counters.failed());
    // while the last subjects' series files may still be being written
    Map<String, Long> rows = exporter.export(name, run.outputs);
    run.seriesFiles.finish();
    writeSummary(run.outputs.resolve("summary.csv"), name, summary, rows);
    outboxChanges.written(List.of(run.outputs));
    for (ErrorRow refusal : run.refused) {
      Path file = dataset.resolve(refusal.inputPath());
      failed.copy(file, inboxRelative(file), ROUTE, refusal.stage(), refusal.message());
    }
    archive(dataset);
    retries.succeeded(run.marker);
    statistics.datasetsIngested.incrementAndGet();
    LOG.info("Dataset {}: {} subjects, {} files found, {} imported, {} already imported,"
        + " {} failed; job {}", name, summary.subjects(), summary.filesFound(),
        summary.filesImported(), summary.filesSkipped(), summary.filesFailed(), summary.jobId());
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
