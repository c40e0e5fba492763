package io.cohortflow.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions of the migration files shipped in {@code db/migration}, read from the classpath. */
public final class MigrationFiles {
  private static final Pattern NAME = Pattern.compile("V(\\d+)__.*\\.sql");

  private MigrationFiles() {}

  /** Versions in ascending order, e.g. [1, 2, 3]. */
  public static List<String> versions() throws IOException, URISyntaxException {
    URL url = MigrationFiles.class.getClassLoader().getResource("db/migration");
    if (url == null) {
      throw new IOException("db/migration is not on the classpath");
    }
    if (url.getProtocol().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
        return versionsIn(jar.getPath("db/migration"));
      }
    }
    return versionsIn(Path.of(url.toURI()));
  }

  private static List<String> versionsIn(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> NAME.matcher(p.getFileName().toString()))
          .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted()
          .map(String::valueOf).toList();
    }
  }
}
