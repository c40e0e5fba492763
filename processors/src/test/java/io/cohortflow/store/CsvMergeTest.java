package io.cohortflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvMerge}: SQL-like ordering, the union of columns, the same bytes, bad input. */
class CsvMergeTest {
  private static final CSVFormat FORMAT = CohortExporter.FORMAT;

  @Test
  void sortsNumbersAsNumbersAndTextInCodePointOrder(@TempDir Path dir) throws Exception {
    // U+FF5E sorts before U+1F600 by code point, after it in UTF-16 (a surrogate pair).
    Path a = write(dir, "a.csv", "uid,idx,note\r\nx,10,\"a, b\"\r\n\uD83D\uDE00,1,\r\n");
    Path b = write(dir, "b.csv", "uid,idx,note\r\nx,2,\"line\nbreak\"\r\n\uFF5E,1,z\r\nx,,n\r\n");
    Path out = dir.resolve("out.csv");
    long rows = CsvMerge.write(List.of(CsvMerge.read(a, FORMAT), CsvMerge.read(b, FORMAT)),
        List.of(CsvMerge.Key.text("uid"), CsvMerge.Key.number("idx")), out, FORMAT);
    assertThat(rows).isEqualTo(5);
    assertThat(Files.readString(out)).isEqualTo("uid,idx,note\r\nx,,n\r\nx,2,\"line\nbreak\"\r\n"
        + "x,10,\"a, b\"\r\n\uFF5E,1,z\r\n\uD83D\uDE00,1,\r\n");
  }

  @Test
  void keepsTheInputOrderWithoutKeysAndJoinsColumns(@TempDir Path dir) throws Exception {
    Path a = write(dir, "a.csv", "id,status\r\nfailed,error\r\n");
    Path b = write(dir, "b.csv", "id,status,f1,f2\r\nok,ok,1.5,2\r\n");
    Path out = dir.resolve("out.csv");
    CsvMerge.write(List.of(CsvMerge.read(a, FORMAT), CsvMerge.read(b, FORMAT)), List.of(), out,
        FORMAT);
    assertThat(Files.readString(out)).isEqualTo("id,status,f1,f2\r\nfailed,error,,\r\n"
        + "ok,ok,1.5,2\r\n");
  }

  @Test
  void badInputNamesTheFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> CsvMerge.read(dir.resolve("none.csv"), FORMAT))
        .isInstanceOf(CsvMerge.MergeException.class).hasMessageEndingWith("none.csv: missing");
    Path ragged = write(dir, "ragged.csv", "a,b\r\n1,2,3\r\n");
    assertThatThrownBy(() -> CsvMerge.read(ragged, FORMAT))
        .hasMessageContaining("ragged.csv: record 1 has 3 fields, the header 2");
    Path empty = write(dir, "empty.csv", "");
    assertThatThrownBy(() -> CsvMerge.read(empty, FORMAT)).hasMessageContaining("no header row");

    Path text = write(dir, "text.csv", "k,n\r\na,x\r\nb,1\r\n");
    Path out = dir.resolve("out.csv");
    assertThatThrownBy(() -> CsvMerge.write(List.of(CsvMerge.read(text, FORMAT)),
        List.of(CsvMerge.Key.number("n")), out, FORMAT))
        .hasMessageContaining("text.csv: 'x' is not a number");
    assertThatThrownBy(() -> CsvMerge.write(List.of(CsvMerge.read(text, FORMAT)),
        List.of(CsvMerge.Key.text("missing")), out, FORMAT))
        .hasMessageContaining("text.csv: no column missing");
    Path again = write(dir, "again.csv", "k,n\r\na,2\r\n");
    assertThatThrownBy(() -> CsvMerge.write(List.of(CsvMerge.read(text, FORMAT),
        CsvMerge.read(again, FORMAT)), List.of(CsvMerge.Key.text("k")), out, FORMAT))
        .hasMessageContaining("a row with the same [k] as one in").hasMessageContaining("(a)");
    assertThat(out).doesNotExist();
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
