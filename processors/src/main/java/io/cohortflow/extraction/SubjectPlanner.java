package io.cohortflow.extraction;

import io.cohortflow.store.ExtractionWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Plans the subject folders of a cohort folder as every import does: subjects in name order, each
 * one's row ensured, a complete subject skipped on resume (or reopened without resume), files
 * already imported skipped by their path hash without being read, and the others handed on in
 * walk order. {@link CohortExtractor} and the watch service's dataset drops share it, so both
 * follow the same resume rules.
 */
public final class SubjectPlanner {
  private final ExtractionWriter writer;
  private final HeaderReader reader;
  private final Path source;
  private final long cohortId;
  private final boolean resume;
  private final boolean allFiles;

  /** What the plan of one subject folder found, in walk order. */
  public interface Visitor {
    /** The subject's files follow. */
    void start(String subjectKey, long subjectId) throws InterruptedException;

    /** A file to read; {@code relativePath} is relative to the cohort folder. */
    void candidate(Path file, String relativePath) throws InterruptedException;

    /** {@code files} files imported by an earlier run, not read again. */
    void skipped(long files) throws InterruptedException;

    /** A folder that could not be listed; its files are not imported. */
    void unreadableDirectory(String relativePath, String message) throws InterruptedException;

    /** The subject's last file was handed on. */
    void end(String subjectKey, long subjectId) throws InterruptedException;
  }

  /** Plans the subjects of {@code source} (absolute and normalised) for cohort {@code cohortId}. */
  public SubjectPlanner(ExtractionWriter writer, HeaderReader reader, Path source, long cohortId,
      boolean resume, boolean allFiles) {
    this.writer = writer;
    this.reader = reader;
    this.source = source;
    this.cohortId = cohortId;
    this.resume = resume;
    this.allFiles = allFiles;
  }

  /** Adds the subject folders to {@code subjects} in name order; returns the files beside them. */
  public static long listSubjects(Path source, List<Path> subjects) throws IOException {
    long rootFiles = 0;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(source)) {
      for (Path entry : stream) {
        // A link to a subject folder counts (Nextflow stages a task's inputs as links); links
        // below a subject folder are not followed.
        if (Files.isDirectory(entry)) {
          subjects.add(entry);
        } else if (Files.isRegularFile(entry)
            && CandidateFiles.hasCandidateName(entry.getFileName().toString())) {
          rootFiles++;
        }
      }
    }
    subjects.sort(null);
    return rootFiles;
  }

  /** True for a file name extraction would read (see the walk's name rule). */
  public static boolean hasCandidateName(String name) {
    return CandidateFiles.hasCandidateName(name);
  }

  /** Plans one subject folder; false when it is complete and skipped (resume). */
  public boolean plan(Path subject, Visitor visitor)
      throws IOException, SQLException, InterruptedException {
    String key = subject.getFileName().toString();
    ExtractionWriter.SubjectState state = writer.ensureSubject(cohortId, key);
    if (state.complete() && resume) {
      return false;
    }
    if (state.complete()) {
      writer.reopenSubject(state.id());
    }
    Set<String> importedHashes = resume ? writer.importedPathHashes(state.id()) : Set.of();
    visitor.start(key, state.id());
    long[] skippedRun = {0};
    CandidateFiles.walk(subject, allFiles, reader, new CandidateFiles.Visitor() {
      @Override
      public void candidate(Path file) throws InterruptedException {
        String relative = source.relativize(file).toString();
        if (!importedHashes.isEmpty()
            && importedHashes.contains(ExtractionWriter.pathHashHex(relative))) {
          skippedRun[0]++;
          return;
        }
        flushSkipped(visitor, skippedRun);
        visitor.candidate(file, relative);
      }

      @Override
      public void unreadableDirectory(Path dir, IOException e) throws InterruptedException {
        visitor.unreadableDirectory(source.relativize(dir).toString(),
            "cannot list folder: " + e.getMessage());
      }
    });
    flushSkipped(visitor, skippedRun);
    visitor.end(key, state.id());
    return true;
  }

  private static void flushSkipped(Visitor visitor, long[] skippedRun)
      throws InterruptedException {
    if (skippedRun[0] > 0) {
      visitor.skipped(skippedRun[0]);
      skippedRun[0] = 0;
    }
  }
}
