package io.cohortflow.extraction;

import io.cohortflow.stacks.SliceOrientation;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.store.ExtractionWriter.ErrorRow;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import io.cohortflow.store.ExtractionWriter.JobCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a cohort folder into the database: subject folders in name order, their DICOM files
 * parsed by {@code workers} threads, results written in file order in batches of one transaction
 * each, and a subject's stacks written once its folder is complete. The database work runs on its
 * own thread, in order, while the next batch is gathered, so parsing and writing overlap. Memory
 * is bounded by the files and batches in flight, not by the cohort. With resume, complete subjects are skipped without walking
 * them and imported files without parsing them, so a killed run restarted ends where an
 * uninterrupted one would.
 */
public final class CohortExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(CohortExtractor.class);
  static final int IN_FLIGHT_PER_WORKER = 64;
  private static final int MAX_UID_LENGTH = 64;

  private final ExtractionOptions options;
  private final HeaderReader reader;
  private final ExtractionWriter writer;
  private final PatientIdentifiers identifiers;
  private final ExtractionListener listener;

  // found and skipped belong to the consuming thread; imported and failed to the database thread
  // until the pending writes are drained.
  private long found;
  private long imported;
  private long skipped;
  private long failed;
  private OrderedWrites writes;

  public CohortExtractor(ExtractionOptions options, HeaderReader reader, ExtractionWriter writer,
      PatientIdentifiers identifiers, ExtractionListener listener) {
    this.options = options;
    this.reader = reader;
    this.writer = writer;
    this.identifiers = identifiers;
    this.listener = listener;
  }

  /** Raised when the source folder is missing or holds no candidate file. */
  public static final class NothingToImportException extends Exception {
    private static final long serialVersionUID = 1L;

    NothingToImportException(String message) {
      super(message);
    }
  }

  /** Items from the planning thread to the writing thread, in file order. */
  private sealed interface Item permits Parsed, SubjectStart, SubjectEnd, Skipped, Failure, End {}

  private record Parsed(Future<Outcome> outcome) implements Item {}

  private record SubjectStart(String key, long id) implements Item {}

  private record SubjectEnd(String key, long id) implements Item {}

  private record Skipped(long files) implements Item {}

  private record Failure(Exception cause) implements Item {}

  private record End() implements Item {}

  /** A file read: its row, or (row null) why it is refused. */
  record Outcome(InstanceRow row, ErrorRow error) {
    /** A folder of the subject that could not be listed: its files are refused as a whole. */
    static Outcome unreadableFolder(String relativePath, String message) {
      return new Outcome(null, new ErrorRow(relativePath, "discover", message));
    }
  }

  public ExtractionSummary run()
      throws IOException, SQLException, InterruptedException, NothingToImportException {
    Path source = options.source().toAbsolutePath().normalize();
    if (!Files.isDirectory(source)) {
      throw new NothingToImportException("source folder " + source + " does not exist");
    }
    List<Path> subjects = new ArrayList<>();
    long rootFiles = SubjectPlanner.listSubjects(source, subjects);
    long cohortId = writer.ensureCohort(options.cohort(), source.toString());
    long jobId = writer.startJob("extract", cohortId, options.parametersJson());
    if (rootFiles > 0) {
      LOG.warn("{} files directly under {} are not in a subject folder and were not imported",
          rootFiles, source);
    }
    long subjectsSkipped;
    ExecutorService parsers = Executors.newFixedThreadPool(options.workers(),
        daemonThreads("cohortflow-parse"));
    BlockingQueue<Item> queue = new ArrayBlockingQueue<>(options.workers() * IN_FLIGHT_PER_WORKER);
    Planner planner = new Planner(source, subjects, cohortId, parsers, queue);
    Thread planning = new Thread(planner, "cohortflow-plan");
    planning.setDaemon(true);
    planning.start();
    startCounting(subjects);
    writes = new OrderedWrites(daemonThreads("cohortflow-write"));
    try {
      consume(queue, jobId, cohortId);
      writes.drain();
      subjectsSkipped = planner.subjectsSkipped;
    } catch (IOException | SQLException | RuntimeException | InterruptedException e) {
      planning.interrupt();
      writes.abandon();
      markFailed(jobId);
      throw e;
    } finally {
      parsers.shutdownNow();
      writes.close();
    }
    String status = found == 0 && subjectsSkipped == 0 ? "failed"
        : failed > 0 ? "partial" : "succeeded";
    writer.finishJob(jobId, status, counters());
    if (found == 0 && subjectsSkipped == 0) {
      throw new NothingToImportException(nothingFound(source, options.allFiles()));
    }
    return new ExtractionSummary(jobId, subjects.size(), subjectsSkipped, rootFiles, found,
        imported, skipped, failed);
  }

  /** Why a cohort folder without any candidate file imports nothing. */
  public static String nothingFound(Path source, boolean allFiles) {
    return "No DICOM files found in " + source + " (looked for " + CandidateFiles.NAME_RULE
        + (allFiles ? ", and any file starting with the DICM magic"
            : "; --all-files also tries other files") + ")";
  }

  private void markFailed(long jobId) {
    try {
      writer.finishJob(jobId, "failed", counters());
    } catch (SQLException e) {
      LOG.debug("Could not mark job {} failed", jobId, e);
    }
  }

  private JobCounters counters() {
    return new JobCounters(found, imported, skipped, failed);
  }

  private void startCounting(List<Path> subjects) {
    Thread counting = new Thread(() -> {
      long total = 0;
      for (Path subject : subjects) {
        total += CandidateFiles.countByName(subject);
      }
      listener.totalKnown(total);
    }, "cohortflow-count");
    counting.setDaemon(true);
    counting.start();
  }

  private void consume(BlockingQueue<Item> queue, long jobId, long cohortId)
      throws InterruptedException, SQLException, IOException {
    List<InstanceRow> batch = new ArrayList<>();
    List<ErrorRow> errors = new ArrayList<>();
    Set<String> seenThisRun = new HashSet<>();
    long subjectId = -1;
    while (true) {
      Item item = queue.take();
      if (item instanceof End) {
        return;
      } else if (item instanceof Failure failure) {
        rethrow(failure.cause());
      } else if (item instanceof Skipped s) {
        found += s.files();
        skipped += s.files();
        listener.filesDone(s.files());
      } else if (item instanceof SubjectStart start) {
        subjectId = start.id();
        seenThisRun.clear();
        seenThisRun.add("subject");
      } else if (item instanceof SubjectEnd end) {
        if (batch.isEmpty() && errors.isEmpty()) {
          writes.submit(() -> {
            writer.completeSubject(end.id());
            listener.subjectCompleted(end.key());
          });
        } else {
          flush(jobId, cohortId, subjectId, batch, errors, seenThisRun, end);
        }
      } else if (item instanceof Parsed parsed) {
        Outcome outcome = await(parsed.outcome());
        found++;
        if (outcome.error() != null) {
          errors.add(outcome.error());
          listener.fileFailed(outcome.error().inputPath(), outcome.error().stage(),
              outcome.error().message());
        } else {
          batch.add(outcome.row());
        }
        if (batch.size() + errors.size() >= options.batchSize()) {
          flush(jobId, cohortId, subjectId, batch, errors, seenThisRun, null);
        }
      }
    }
  }

  /**
   * Queues the batch's write; {@code end} is the subject's end when this is its folder's last
   * batch (the subject is then completed in the same transaction), else null.
   */
  private void flush(long jobId, long cohortId, long subjectId, List<InstanceRow> batch,
      List<ErrorRow> errors, Set<String> seenThisRun, SubjectEnd end)
      throws SQLException, InterruptedException {
    Set<String> refresh = new HashSet<>();
    if (!options.resume()) {
      for (InstanceRow row : batch) {
        for (String uid : List.of(row.record().studyInstanceUid(),
            row.record().seriesInstanceUid())) {
          if (seenThisRun.add(uid)) {
            refresh.add(uid);
          }
        }
      }
      if (seenThisRun.remove("subject")) {
        refresh.add("subject");
      }
    }
    List<InstanceRow> rows = List.copyOf(batch);
    List<ErrorRow> refused = List.copyOf(errors);
    long foundSoFar = found;
    long skippedSoFar = skipped;
    writes.submit(() -> {
      JobCounters before = new JobCounters(foundSoFar, imported, skippedSoFar,
          failed + refused.size());
      ExtractionWriter.BatchResult result = writer.writeBatch(jobId, cohortId, subjectId, rows,
          refused, refresh, before, !options.resume(), end != null);
      imported += result.written();
      failed += refused.size() + result.conflicts();
      listener.filesDone(rows.size() + refused.size());
      if (end != null) {
        listener.subjectCompleted(end.key());
      }
    });
    batch.clear();
    errors.clear();
  }

  private static Outcome await(Future<Outcome> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("parsing failed unexpectedly", e.getCause());
    }
  }

  private static void rethrow(Exception cause) throws SQLException, IOException {
    if (cause instanceof SQLException sql) {
      throw sql;
    }
    if (cause instanceof IOException io) {
      throw io;
    }
    throw (RuntimeException) cause;
  }

  private Outcome parse(Path file, String relativePath) {
    return parse(reader, identifiers, options.storeIdentifiers(), file, relativePath);
  }

  /** Reads one file: its row, or why it is refused. */
  static Outcome parse(HeaderReader reader, PatientIdentifiers identifiers,
      boolean storeIdentifiers, Path file, String relativePath) {
    try {
      return new Outcome(readRow(reader, file, relativePath, identifiers, storeIdentifiers), null);
    } catch (InvalidInstanceException e) {
      return new Outcome(null, new ErrorRow(relativePath, e.stage(), e.getMessage()));
    } catch (RuntimeException e) {
      return new Outcome(null, new ErrorRow(relativePath, "parse",
          "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /**
   * Reads one file into the row extraction writes, as every extraction does: the header, the
   * required UIDs, the slice orientation and the patient identifiers (hashed unless
   * {@code storeIdentifiers}). Also used by {@code cohortflow watch} for files that trickle in.
   */
  public static InstanceRow readRow(HeaderReader reader, Path file, String relativePath,
      PatientIdentifiers identifiers, boolean storeIdentifiers) throws InvalidInstanceException {
    InstanceRecord record = reader.read(file, relativePath);
    requireIdentifiers(record);
    SliceOrientation orientation = SliceOrientation.of(record.imageOrientationPatient());
    return new InstanceRow(record, identifiers.hash(record.patientId()),
        storeIdentifiers ? record.patientId() : null,
        storeIdentifiers ? record.patientName() : null,
        orientation.label(), orientation.confidence());
  }

  private static void requireIdentifiers(InstanceRecord r) throws InvalidInstanceException {
    List<String> missing = new ArrayList<>();
    if (r.studyInstanceUid() == null || r.studyInstanceUid().isBlank()) {
      missing.add("StudyInstanceUID");
    }
    if (r.seriesInstanceUid() == null || r.seriesInstanceUid().isBlank()) {
      missing.add("SeriesInstanceUID");
    }
    if (r.sopInstanceUid() == null || r.sopInstanceUid().isBlank()) {
      missing.add("SOPInstanceUID");
    }
    if (!missing.isEmpty()) {
      throw new InvalidInstanceException("validate", "missing " + String.join(", ", missing));
    }
    Map<String, String> uids = new LinkedHashMap<>();
    uids.put("StudyInstanceUID", r.studyInstanceUid());
    uids.put("SeriesInstanceUID", r.seriesInstanceUid());
    uids.put("SOPInstanceUID", r.sopInstanceUid());
    uids.put("SOPClassUID", r.sopClassUid());
    uids.put("FrameOfReferenceUID", r.frameOfReferenceUid());
    uids.put("TransferSyntaxUID", r.transferSyntaxUid());
    for (Map.Entry<String, String> uid : uids.entrySet()) {
      // The database columns are as wide as DICOM allows; a longer value would fail its batch.
      if (uid.getValue() != null && uid.getValue().length() > MAX_UID_LENGTH) {
        throw new InvalidInstanceException("validate", uid.getKey() + " is "
            + uid.getValue().length() + " characters long; DICOM allows at most "
            + MAX_UID_LENGTH);
      }
    }
  }

  static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Walks the subjects and queues their files (or markers) in order. */
  private final class Planner implements Runnable {
    private final SubjectPlanner subjectPlanner;
    private final List<Path> subjects;
    private final ExecutorService parsers;
    private final BlockingQueue<Item> queue;
    volatile long subjectsSkipped;

    Planner(Path source, List<Path> subjects, long cohortId, ExecutorService parsers,
        BlockingQueue<Item> queue) {
      this.subjectPlanner = new SubjectPlanner(writer, reader, source, cohortId,
          options.resume(), options.allFiles());
      this.subjects = subjects;
      this.parsers = parsers;
      this.queue = queue;
    }

    @Override
    public void run() {
      try {
        for (Path subject : subjects) {
          planSubject(subject);
        }
        queue.put(new End());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | SQLException | RuntimeException e) {
        try {
          queue.put(new Failure(e));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void planSubject(Path subject)
        throws IOException, SQLException, InterruptedException {
      boolean planned = subjectPlanner.plan(subject, new SubjectPlanner.Visitor() {
        @Override
        public void start(String subjectKey, long subjectId) throws InterruptedException {
          queue.put(new SubjectStart(subjectKey, subjectId));
        }

        @Override
        public void candidate(Path file, String relativePath) throws InterruptedException {
          queue.put(new Parsed(parsers.submit(() -> parse(file, relativePath))));
        }

        @Override
        public void skipped(long files) throws InterruptedException {
          queue.put(new Skipped(files));
        }

        @Override
        public void unreadableDirectory(String relativePath, String message)
            throws InterruptedException {
          queue.put(new Parsed(java.util.concurrent.CompletableFuture.completedFuture(
              Outcome.unreadableFolder(relativePath, message))));
        }

        @Override
        public void end(String subjectKey, long subjectId) throws InterruptedException {
          queue.put(new SubjectEnd(subjectKey, subjectId));
        }
      });
      if (!planned) {
        subjectsSkipped++;
      }
    }
  }
}
