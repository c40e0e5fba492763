package io.cohortflow.watch;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the inbox folders that trickle files left empty once their series were written. The
 * inbox consumer walks every folder of the inbox on every poll, so without this each export's
 * subject, study and series folders would stay behind and every poll of a service running for
 * months would get slower (their copies in the pending area, which the files passed through, go
 * too). A folder is removed only once it has been unchanged (no entry added or taken) for
 * {@code series-quiet-period}: its exporter marked it complete or has been quiet that long, so it
 * is done with it. Its parents up to the inbox go too when they are empty and had been
 * unchanged as long before. Removal is {@code rmdir}, which fails when anything has appeared in
 * the folder meanwhile, so no file is ever removed; a symbolic link is never removed. Folders are
 * noted in memory; at start, one walk notes the empty folders an earlier run left.
 */
final class EmptyFolders {
  private static final Logger LOG = LoggerFactory.getLogger(EmptyFolders.class);

  private final Path inbox;
  private final Path pendingArea;
  private final long quietMillis;
  private final Clock clock;
  private final Set<Path> candidates = ConcurrentHashMap.newKeySet();

  EmptyFolders(Path inbox, long quietMillis, Clock clock) {
    this.inbox = inbox.toAbsolutePath().normalize();
    this.pendingArea = this.inbox.resolve(PendingFiles.AREA);
    this.quietMillis = quietMillis;
    this.clock = clock;
  }

  /**
   * Notes the folders (relative to the inbox) whose files were all written and moved out, and
   * their copies in the pending area, which the files passed through.
   */
  void emptied(Collection<String> relativeFolders) {
    for (String folder : relativeFolders) {
      if (!folder.isEmpty()) {
        candidates.add(AtomicFiles.inside(inbox, folder));
        candidates.add(AtomicFiles.inside(pendingArea, folder));
      }
    }
  }

  /**
   * Notes the empty folders that an earlier run (or any writer) left in the trickle part of the
   * inbox, outside {@code inboxAreas} and hidden folders: one walk, at start.
   */
  void noteLeftEmpty(Set<String> inboxAreas) throws IOException {
    List<Path> tops;
    try (Stream<Path> entries = Files.list(inbox)) {
      tops = entries.filter(Files::isDirectory).filter(p -> {
        String name = p.getFileName().toString();
        return !inboxAreas.contains(name) && !name.startsWith(".");
      }).toList();
    }
    // One walk: a folder is empty when no entry named it as its parent.
    Set<Path> folders = new HashSet<>();
    Set<Path> holding = new HashSet<>();
    for (Path top : tops) {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
          folders.add(folder);
          holding.add(folder.getParent());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          holding.add(file.getParent());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path entry, IOException e) {
          LOG.debug("Could not look for empty folders in {}: {}", entry, e.toString());
          holding.add(entry.getParent());
          return FileVisitResult.CONTINUE;
        }
      });
    }
    folders.removeAll(holding);
    candidates.addAll(folders);
  }

  /** Removes the noted folders that are empty and quiet; returns how many folders went. */
  int sweep() {
    // Deepest first, so that a folder comes after its subfolders and next to its siblings.
    List<Path> folders = candidates.stream().sorted(Comparator.reverseOrder()).toList();
    candidates.removeAll(folders);
    // Each parent's time as it was before this sweep removed a child of it, which changes it.
    Map<Path, Long> changedBefore = new HashMap<>();
    int removed = 0;
    for (Path folder : folders) {
      try {
        removed += removeUpwards(folder, changedBefore);
      } catch (IOException e) {
        LOG.debug("Could not remove empty folder {}: {}", folder, e.toString());
      }
    }
    if (removed > 0) {
      LOG.debug("Removed {} empty folders from the inbox", removed);
    }
    return removed;
  }

  /**
   * Removes {@code folder} and then each parent below the inbox (or the pending area) while they
   * are empty and quiet.
   */
  private int removeUpwards(Path folder, Map<Path, Long> changedBefore) throws IOException {
    int removed = 0;
    Path current = folder;
    while (!isRoot(current) && current.startsWith(inbox)) {
      Long known = changedBefore.get(current);
      long changed = known != null ? known : changedAt(current);
      if (changed < 0 || Files.isSymbolicLink(current)) {
        return removed; // gone already, or a link someone made, which delete would remove
      }
      if (clock.millis() - changed < quietMillis) {
        candidates.add(current); // looked at again by a later sweep
        return removed;
      }
      Path parent = current.getParent();
      if (!isRoot(parent) && !changedBefore.containsKey(parent)) {
        changedBefore.put(parent, changedAt(parent));
      }
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return removed; // files arrived again: they make it a candidate once written
      }
      removed++;
      current = parent;
    }
    return removed;
  }

  /** The inbox and its pending area stay, however empty. */
  private boolean isRoot(Path folder) {
    return folder.equals(inbox) || folder.equals(pendingArea);
  }

  /** The folder's modification time in ms, or -1 when it no longer exists. */
  private static long changedAt(Path folder) throws IOException {
    try {
      return Files.getLastModifiedTime(folder).toMillis();
    } catch (NoSuchFileException e) {
      return -1;
    }
  }
}
