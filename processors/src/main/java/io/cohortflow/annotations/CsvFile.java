package io.cohortflow.annotations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    StringBuilder text = new StringBuilder();
    appendLine(text, header);
    for (List<String> row : rows) {
      appendLine(text, row);
    }
    AtomicFile.write(path, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void appendLine(StringBuilder text, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(quoted(fields.get(i)));
    }
    text.append("\r\n");
  }

  private static String quoted(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0
        && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
