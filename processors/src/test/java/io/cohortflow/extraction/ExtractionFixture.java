package io.cohortflow.extraction;

import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.Database;
import io.cohortflow.store.ExtractionWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs extractions and reads back what they stored, for the extraction tests. */
final class ExtractionFixture {
  static final PatientIdentifiers IDENTIFIERS = PatientIdentifiers.withSecret("test-secret");

  private ExtractionFixture() {}

  static ExtractionSummary extract(Database db, Path source, String cohort, int workers,
      int batchSize, boolean resume) throws Exception {
    return extract(db, source, cohort, workers, batchSize, resume, new DicomHeaderReader());
  }

  static ExtractionSummary extract(Database db, Path source, String cohort, int workers,
      int batchSize, boolean resume, HeaderReader reader) throws Exception {
    ExtractionOptions options = new ExtractionOptions(source, cohort, workers, batchSize, resume,
        false, false);
    return new CohortExtractor(options, reader, new ExtractionWriter(db.dataSource()),
        IDENTIFIERS, new ExtractionListener() {}).run();
  }

  /** The cohort as exported CSV text, file name → content: the database's natural content. */
  static Map<String, String> content(Database db, String cohort, Path dir) throws Exception {
    new CohortExporter(db.dataSource()).export(cohort, dir);
    Map<String, String> files = new TreeMap<>();
    try (var list = Files.list(dir)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }

  static List<List<String>> query(Database db, String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static long count(Database db, String sql) throws Exception {
    return Long.parseLong(query(db, sql).get(0).get(0));
  }
}
