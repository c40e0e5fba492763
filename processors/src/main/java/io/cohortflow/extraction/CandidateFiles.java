package io.cohortflow.extraction;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which files of a subject folder extraction reads, in a fixed order (depth first, names in code
 * point order), so that every run sees the same files in the same order whatever the file system
 * returns. Directory symlinks are not followed, so a link cycle cannot trap the walk.
 */
final class CandidateFiles {
  /** Describes the name rule for messages. */
  static final String NAME_RULE = "*.dcm (any case) and files without an extension";

  private CandidateFiles() {}

  /** What the walk found in one directory entry. */
  interface Visitor {
    void candidate(Path file) throws IOException, InterruptedException;

    void unreadableDirectory(Path dir, IOException e) throws InterruptedException;
  }

  /**
   * True for {@code .dcm} in any case and for names without an extension. A suffix of digits only
   * (UID-style names such as {@code 1.2.840.113619.2.55.3}) is not an extension. DICOMDIR index
   * files are not instances.
   */
  static boolean hasCandidateName(String name) {
    if (name.equalsIgnoreCase("DICOMDIR") || name.startsWith(".")) {
      return false;
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return true;
    }
    String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return extension.equals("dcm") || extension.chars().allMatch(Character::isDigit);
  }

  static void walk(Path dir, boolean allFiles, HeaderReader reader, Visitor visitor)
      throws InterruptedException, IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException e) {
      visitor.unreadableDirectory(dir, e);
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        walk(entry, allFiles, reader, visitor);
      } else if (Files.isRegularFile(entry)) {
        String name = entry.getFileName().toString();
        if (hasCandidateName(name)
            || (allFiles && !name.equalsIgnoreCase("DICOMDIR") && reader.hasDicomMagic(entry))) {
          visitor.candidate(entry);
        }
      }
    }
  }

  /**
   * The number of files {@link #walk} would visit by name alone (for progress), from the file
   * attributes the tree walk reads anyway, without a second stat per file; unreadable folders
   * count as empty.
   */
  static long countByName(Path dir) {
    long[] count = {0};
    try {
      // The real path, since the walk would not enter a subject folder given as a link.
      Files.walkFileTree(dir.toRealPath(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && hasCandidateName(file.getFileName().toString())) {
            count[0]++;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
      return count[0];
    } catch (IOException e) {
      return 0;
    }
  }
}
