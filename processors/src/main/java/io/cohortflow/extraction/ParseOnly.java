package io.cohortflow.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Everything {@code cohortflow extract} does with a cohort's files except the database: the same
 * subject folders and file walk, the same work per file ({@link CohortExtractor#readRow}: header,
 * UID checks, orientation, keyed PatientID hash) on {@code workers} threads, and the results taken
 * in file order with as many files in flight. It gives the parse-only rate that the end-to-end rate
 * of extraction is measured against, so that the two differ only by the database work.
 */
public final class ParseOnly {
  private ParseOnly() {}

  /** How many candidate files were read, and how many of them extraction would refuse. */
  public record Result(long files, long refused) {}

  public static Result run(ExtractionOptions options, HeaderReader reader,
      PatientIdentifiers identifiers) throws IOException, InterruptedException {
    Path source = options.source().toAbsolutePath().normalize();
    List<Path> subjects = new ArrayList<>();
    SubjectPlanner.listSubjects(source, subjects);
    ExecutorService parsers = Executors.newFixedThreadPool(options.workers());
    int limit = options.workers() * CohortExtractor.IN_FLIGHT_PER_WORKER;
    Deque<Future<Boolean>> inFlight = new ArrayDeque<>();
    long[] counts = new long[2];
    try {
      for (Path subject : subjects) {
        CandidateFiles.walk(subject, options.allFiles(), reader, new CandidateFiles.Visitor() {
          @Override
          public void candidate(Path file) throws InterruptedException {
            if (inFlight.size() >= limit) {
              take(inFlight.poll(), counts);
            }
            String relative = source.relativize(file).toString();
            inFlight.add(parsers.submit(() -> accepted(reader, file, relative, identifiers,
                options.storeIdentifiers())));
          }

          @Override
          public void unreadableDirectory(Path dir, IOException e) {
            counts[1]++;
          }
        });
      }
      while (!inFlight.isEmpty()) {
        take(inFlight.poll(), counts);
      }
    } finally {
      parsers.shutdownNow();
    }
    return new Result(counts[0], counts[1]);
  }

  private static boolean accepted(HeaderReader reader, Path file, String relative,
      PatientIdentifiers identifiers, boolean storeIdentifiers) {
    try {
      CohortExtractor.readRow(reader, file, relative, identifiers, storeIdentifiers);
      return true;
    } catch (InvalidInstanceException e) {
      return false;
    }
  }

  private static void take(Future<Boolean> parsed, long[] counts) throws InterruptedException {
    try {
      counts[0]++;
      if (!parsed.get()) {
        counts[1]++;
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("parsing failed unexpectedly", e.getCause());
    }
  }
}
