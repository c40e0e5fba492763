package io.cohortflow.e2e;

import io.cohortflow.watch.WatchApplication;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** What the service produced, in the forms the tests compare with the ground truth. */
final class Observed {
  private Observed() {}

  /**
   * One of Camel's route counters of a running service, read over JMX, e.g.
   * {@code ExchangesCompleted} of route {@code trickle-inbox}.
   */
  static long routeCounter(WatchApplication app, String route, String counter)
      throws JMException {
    ObjectName name = new ObjectName("org.apache.camel:context="
        + app.context().getManagementName() + ",type=routes,name=\"" + route + "\"");
    return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, counter);
  }

  /** The cohort's stacks as "series_uid|stack_key|count", sorted. */
  static List<String> stacks(DataSource dataSource, String cohort) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT se.series_instance_uid, ss.stack_key,"
            + " ss.instance_count FROM series_stack ss JOIN series se ON se.id = ss.series_id"
            + " JOIN cohort co ON co.id = se.cohort_id WHERE co.name = ?")) {
      ps.setString(1, cohort);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(GroundTruth.stack(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  /** The stack rows of a stacks CSV (series or dataset output), same form, sorted. */
  static List<String> stacksCsv(Path file) throws IOException {
    List<String> rows = new ArrayList<>();
    for (CSVRecord r : csv(file)) {
      rows.add(GroundTruth.stack(r.get("series_instance_uid"), r.get("stack_key"),
          r.get("instance_count")));
    }
    rows.sort(null);
    return rows;
  }

  static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
          .getRecords();
    }
  }

  /** Regular files under {@code dir}, relative to it, sorted. */
  static List<String> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
          .toList();
    }
  }
}
