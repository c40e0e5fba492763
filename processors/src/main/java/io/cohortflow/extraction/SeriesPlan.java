package io.cohortflow.extraction;

import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.store.ExtractionWriter.ErrorRow;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A cohort folder read series by series, for imports that hand each series on by itself (the
 * watch service splits a dataset drop into one exchange per series). Subjects are planned as
 * {@code cohortflow extract} plans them ({@link SubjectPlanner}: same order, same resume rules),
 * a subject's files are read by {@code workers} threads, and its rows come out grouped by series
 * (series in the order of their first file) while the next subjects are being read. Memory holds
 * at most four subjects' rows: the one being consumed, one ready, one being collected and the
 * next one already handed to the parsers. Items must be consumed in order, since a subject's last
 * item completes it.
 */
public final class SeriesPlan implements Iterator<SeriesWork>, AutoCloseable {
  private final ExtractionOptions options;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final SubjectPlanner planner;
  private final List<Path> subjects = new ArrayList<>();
  private final long rootFiles;
  private final ExecutorService parsers;
  private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);
  private final Thread planning;
  private volatile long subjectsSkipped;
  private Iterator<SeriesWork> current = List.<SeriesWork>of().iterator();
  private RuntimeException failure;
  private boolean ended;

  /** Raised by the iterator when the folder could not be planned or read. */
  public static final class PlanningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PlanningException(String message, Exception cause) {
      super(message + ": " + cause.getMessage(), cause);
    }
  }

  private record End() {}

  /** Lists the subjects of {@code options.source()} and starts reading the first of them. */
  public SeriesPlan(ExtractionOptions options, HeaderReader reader, ExtractionWriter writer,
      PatientIdentifiers identifiers, long cohortId) throws IOException {
    this.options = options;
    this.reader = reader;
    this.identifiers = identifiers;
    Path source = options.source().toAbsolutePath().normalize();
    this.rootFiles = SubjectPlanner.listSubjects(source, subjects);
    this.planner = new SubjectPlanner(writer, reader, source, cohortId, options.resume(),
        options.allFiles());
    this.parsers = Executors.newFixedThreadPool(options.workers(),
        CohortExtractor.daemonThreads("cohortflow-parse"));
    this.planning = new Thread(this::planAll, "cohortflow-plan-series");
    planning.setDaemon(true);
    planning.start();
  }

  /** Subject folders found. */
  public long subjects() {
    return subjects.size();
  }

  /** Complete subjects skipped (resume); final once the iterator is exhausted. */
  public long subjectsSkipped() {
    return subjectsSkipped;
  }

  /** Candidate files directly under the cohort folder, outside any subject folder. */
  public long rootFiles() {
    return rootFiles;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (failure != null) {
        throw failure;
      }
      if (ended) {
        return false;
      }
      Object next;
      try {
        next = ready.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlanningException("interrupted", e);
      }
      if (next instanceof End) {
        ended = true;
      } else if (next instanceof PlanningException e) {
        failure = e;
      } else {
        @SuppressWarnings("unchecked")
        List<SeriesWork> items = (List<SeriesWork>) next;
        current = items.iterator();
      }
    }
    return true;
  }

  @Override
  public SeriesWork next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  /** Stops reading (the rest of the plan is dropped). */
  @Override
  public void close() {
    planning.interrupt();
    parsers.shutdownNow();
  }

  /**
   * Submits each subject's files before collecting the previous subject's rows, so that the
   * parsing threads never wait at a subject boundary while the next subject is planned.
   */
  private void planAll() {
    try {
      SubjectReading reading = null;
      for (Path subject : subjects) {
        SubjectReading next = startReading(subject);
        if (next == null) {
          subjectsSkipped++;
          continue;
        }
        if (reading != null) {
          ready.put(reading.items());
        }
        reading = next;
      }
      if (reading != null) {
        ready.put(reading.items());
      }
      ready.put(new End());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | SQLException | RuntimeException e) {
      ready.offer(new PlanningException("cannot plan " + options.source(), e));
    }
  }

  /** Plans the subject and hands its files to the parsers; null when it is complete and skipped. */
  private SubjectReading startReading(Path subject)
      throws IOException, SQLException, InterruptedException {
    SubjectReading reading = new SubjectReading();
    return planner.plan(subject, reading) ? reading : null;
  }

  /** One subject's files being read, and what planning it found. */
  private final class SubjectReading implements SubjectPlanner.Visitor {
    private final List<Future<CohortExtractor.Outcome>> files = new ArrayList<>();
    private String key;
    private long subjectId = -1;
    private long skipped;

    @Override
    public void start(String subjectKey, long id) {
      key = subjectKey;
      subjectId = id;
    }

    @Override
    public void candidate(Path file, String relativePath) {
      files.add(parsers.submit(() -> CohortExtractor.parse(reader, identifiers,
          options.storeIdentifiers(), file, relativePath)));
    }

    @Override
    public void skipped(long count) {
      skipped += count;
    }

    @Override
    public void unreadableDirectory(String relativePath, String message) {
      files.add(CompletableFuture.completedFuture(
          CohortExtractor.Outcome.unreadableFolder(relativePath, message)));
    }

    @Override
    public void end(String subjectKey, long id) {}

    /** Waits for the subject's files and groups their rows into one item per series. */
    List<SeriesWork> items() throws InterruptedException {
      Map<String, List<InstanceRow>> bySeries = new LinkedHashMap<>();
      List<ErrorRow> refused = new ArrayList<>();
      for (Future<CohortExtractor.Outcome> file : files) {
        CohortExtractor.Outcome outcome = await(file);
        if (outcome.error() != null) {
          refused.add(outcome.error());
        } else {
          bySeries.computeIfAbsent(outcome.row().record().seriesInstanceUid(),
              uid -> new ArrayList<>()).add(outcome.row());
        }
      }
      List<SeriesWork> items = new ArrayList<>();
      int left = bySeries.size();
      for (Map.Entry<String, List<InstanceRow>> series : bySeries.entrySet()) {
        boolean last = --left == 0;
        items.add(new SeriesWork(key, subjectId, series.getKey(), series.getValue(),
            last ? refused : List.of(), last ? skipped : 0, last));
      }
      if (items.isEmpty()) {
        items.add(new SeriesWork(key, subjectId, null, List.of(), refused, skipped, true));
      }
      return items;
    }
  }

  private static CohortExtractor.Outcome await(Future<CohortExtractor.Outcome> file)
      throws InterruptedException {
    try {
      return file.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading a file failed unexpectedly", e.getCause());
    }
  }
}
