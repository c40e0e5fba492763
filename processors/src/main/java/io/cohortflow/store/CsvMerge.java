package io.cohortflow.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Merges CSV files that were written separately (one per Nextflow task) into the one file a single
 * run would have written. Columns are the union of the inputs' headers in first-seen order (a
 * column an input lacks is empty in its rows); rows keep the inputs' order, or are sorted by key
 * columns like a SQL {@code ORDER BY} on {@code utf8mb4_bin} text (code-point order) or numbers.
 * Values are printed again with the format they were written in, which gives back the same bytes:
 * the writers print {@code NULL} and the empty string alike, and quote by content only.
 */
public final class CsvMerge {
  private CsvMerge() {
  }

  /** A sort column; {@code numeric} compares it as a number. */
  public record Key(String column, boolean numeric) {
    public static Key text(String column) {
      return new Key(column, false);
    }

    public static Key number(String column) {
      return new Key(column, true);
    }
  }

  /** One parsed input file. */
  public record Table(Path file, List<String> header, List<List<String>> rows) {}

  /** An input that cannot be merged; the message names the file and the reason. */
  public static final class MergeException extends IOException {
    private static final long serialVersionUID = 1L;

    public MergeException(Path file, String reason) {
      super(file + ": " + reason);
    }
  }

  /** Reads one input with the format it was written in (header row first). */
  public static Table read(Path file, CSVFormat format) throws IOException {
    CSVFormat withHeader = format.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(in).setFormat(withHeader).get()) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw new MergeException(file, "no header row");
      }
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        if (r.size() != header.size()) {
          throw new MergeException(file, "record " + r.getRecordNumber() + " has " + r.size()
              + " fields, the header " + header.size());
        }
        rows.add(r.toList());
      }
      return new Table(file, header, rows);
    } catch (NoSuchFileException e) {
      throw new MergeException(file, "missing");
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new MergeException(file, "not a readable CSV file (" + e.getMessage() + ")");
    }
  }

  /**
   * Merges the tables and writes the result to {@code out} under a temporary name first; returns
   * the data rows written. With keys, two rows with equal keys are an error naming both files.
   */
  public static long write(List<Table> tables, List<Key> keys, Path out, CSVFormat format)
      throws IOException {
    Set<String> columns = new LinkedHashSet<>();
    tables.forEach(t -> columns.addAll(t.header()));
    List<String> header = List.copyOf(columns);
    List<Row> rows = new ArrayList<>();
    for (Table t : tables) {
      for (String k : keys.stream().map(Key::column).toList()) {
        if (!t.header().contains(k)) {
          throw new MergeException(t.file(), "no column " + k);
        }
      }
      for (List<String> values : t.rows()) {
        List<String> row = new ArrayList<>(header.size());
        for (String column : header) {
          int i = t.header().indexOf(column);
          row.add(i < 0 ? "" : values.get(i));
        }
        rows.add(new Row(t.file(), row));
      }
    }
    if (!keys.isEmpty()) {
      Comparator<Row> order = comparator(header, keys);
      try {
        rows.sort(order);
      } catch (IllegalArgumentException e) {
        throw new MergeException(out, e.getMessage());
      }
      for (int i = 1; i < rows.size(); i++) {
        if (order.compare(rows.get(i - 1), rows.get(i)) == 0) {
          throw new MergeException(rows.get(i).file(), "a row with the same "
              + keys.stream().map(Key::column).toList() + " as one in " + rows.get(i - 1).file()
              + " (" + keyValues(header, keys, rows.get(i)) + ")");
        }
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, format)) {
      csv.printRecord(header);
      for (Row r : rows) {
        csv.printRecord(r.values());
      }
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return rows.size();
  }

  private record Row(Path file, List<String> values) {}

  private static Comparator<Row> comparator(List<String> header, List<Key> keys) {
    Comparator<Row> order = null;
    for (Key k : keys) {
      int i = header.indexOf(k.column());
      Comparator<Row> next = k.numeric()
          ? Comparator.comparing((Row r) -> number(r, i), Comparator.nullsFirst(
              Comparator.naturalOrder()))
          : Comparator.comparing((Row r) -> r.values().get(i), CsvMerge::compareCodePoints);
      order = order == null ? next : order.thenComparing(next);
    }
    return order;
  }

  private static Double number(Row r, int column) {
    String v = r.values().get(column);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return Double.valueOf(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(r.file() + ": '" + v + "' is not a number", e);
    }
  }

  /** Code-point order, as MariaDB's {@code utf8mb4_bin} sorts (UTF-16 order differs above BMP). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static String keyValues(List<String> header, List<Key> keys, Row row) {
    List<String> values = new ArrayList<>();
    for (Key k : keys) {
      values.add(row.values().get(header.indexOf(k.column())));
    }
    return String.join(", ", values);
  }
}
