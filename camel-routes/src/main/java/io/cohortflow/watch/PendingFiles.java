package io.cohortflow.watch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trickle files taken from the inbox whose series is not committed yet. Once read, a file is
 * renamed into the hidden area {@code INBOX/.pending/} under its relative path; that area is the
 * durable record of what is still to do, so nothing is written to the database per file. A file
 * goes on to {@code processed/} once its series is committed, or back into the inbox when its
 * series could not be written (the next poll takes it again); at start, whatever a previous run
 * left pending goes back into the inbox. As the trickle consumer's filter this class takes nothing
 * while {@code max-files-pending} files are pending (which bounds the memory of a large drop:
 * their rows are held until their series is written) and keeps the consumer out of the inbox's
 * own areas ({@code processed/}, {@code failed/}, the datasets and annotations folders), whose
 * size would otherwise slow every poll.
 */
final class PendingFiles implements GenericFileFilter<File> {
  private static final Logger LOG = LoggerFactory.getLogger(PendingFiles.class);
  static final String REGISTRY_NAME = "cohortflowPendingFiles";
  /** The pending area's folder in the inbox. */
  static final String AREA = ".pending";

  private final Path inbox;
  private final Path area;
  private final Path processed;
  private final Set<String> inboxAreas;
  private final int limit;
  private final AtomicInteger count = new AtomicInteger();

  PendingFiles(WatchConfig config, int limit) {
    this.inbox = config.inbox();
    this.area = config.inbox().resolve(AREA);
    this.processed = config.processedArea();
    this.inboxAreas = config.inboxAreas();
    this.limit = limit;
  }

  @Override
  public boolean accept(GenericFile<File> file) {
    if (count.get() >= limit) {
      return false;
    }
    return !file.isDirectory() || !inboxAreas.contains(file.getRelativeFilePath());
  }

  /** Moves what a previous run left pending back into the inbox, to be taken again. */
  int restore() throws IOException {
    if (!Files.isDirectory(area)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(area)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path target = inbox.resolve(area.relativize(file).toString());
      if (Files.exists(target)) {
        // Copied again meanwhile: the copy in the inbox is the newer one and will be taken.
        Files.delete(file);
      } else {
        AtomicFiles.move(file, target);
      }
    }
    if (!files.isEmpty()) {
      LOG.info("{} files of series left open by an earlier run are back in the inbox",
          files.size());
    }
    return files.size();
  }

  /** Takes a file that was read: it leaves the inbox for the pending area. */
  void take(Path file, String relativePath) throws IOException {
    AtomicFiles.move(file, AtomicFiles.inside(area, relativePath));
    count.incrementAndGet();
  }

  /** Archives files whose series is committed: pending area to {@code processed/}. */
  void archive(List<String> relativePaths) throws IOException {
    moveAll(relativePaths, processed);
  }

  /** Puts files whose series could not be written back into the inbox, for a later poll. */
  void release(List<String> relativePaths) throws IOException {
    moveAll(relativePaths, inbox);
  }

  int size() {
    return count.get();
  }

  private void moveAll(List<String> relativePaths, Path destination) throws IOException {
    for (String relative : relativePaths) {
      try {
        AtomicFiles.move(AtomicFiles.inside(area, relative),
            AtomicFiles.inside(destination, relative));
      } catch (NoSuchFileException e) {
        LOG.warn("{} was removed from {} before it could be moved on", relative, area);
      }
      count.decrementAndGet();
    }
  }
}
