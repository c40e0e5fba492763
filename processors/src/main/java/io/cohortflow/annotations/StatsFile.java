package io.cohortflow.annotations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** nidataset's stats CSV: one row per processed file, then a total row. */
final class StatsFile {
  private StatsFile() {}

  static void write(Path path, String countColumn, String totalLabel, BatchOutcome outcome)
      throws IOException {
    List<List<String>> rows = new ArrayList<>();
    long total = 0;
    for (BatchOutcome.FileCount count : outcome.counts()) {
      rows.add(List.of(count.fileName(), Long.toString(count.count())));
      total += count.count();
    }
    rows.add(List.of(totalLabel, Long.toString(total)));
    CsvFile.write(path, List.of("FILENAME", countColumn), rows);
  }
}
