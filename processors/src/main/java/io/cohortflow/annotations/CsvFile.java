package io.cohortflow.annotations;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a CSV file the way Python's {@code csv.writer} does by default (comma, CRLF after every
 * line, a field quoted only when it holds a comma, quote or line break), atomically: under a
 * temporary name in the same folder, then renamed, so a reader never sees half a file. Written by
 * hand rather than with Commons CSV because its minimal quoting also quotes fields that start with
 * {@code #} or a space, which Python does not.
 */
final class CsvFile {
  private CsvFile() {}

  static void write(Path path, List<String> header, List<List<String>> rows) throws IOException {
    Path temp = Files.createTempFile(path.toAbsolutePath().getParent(),
        "." + path.getFileName(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        writeLine(out, header);
        for (List<String> row : rows) {
          writeLine(out, row);
        }
      }
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeLine(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quoted(fields.get(i)));
    }
    out.write("\r\n");
  }

  private static String quoted(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0
        && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
