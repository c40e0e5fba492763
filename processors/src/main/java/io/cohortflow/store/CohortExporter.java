package io.cohortflow.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports one cohort as RFC 4180 CSV files with a header row — subjects, studies, series, stacks
 * and instances — streamed from the database and each written to a temporary name and renamed, so
 * a reader never sees half a file. Rows are ordered by their natural keys.
 */
public final class CohortExporter {
  /** The CSV format of every exported file. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  /** Each file's ORDER BY, for merging folders exported separately into the same order. */
  private static final Map<String, List<CsvMerge.Key>> ORDER = Map.of(
      "subjects.csv", List.of(CsvMerge.Key.text("subject_key")),
      "studies.csv", List.of(CsvMerge.Key.text("subject_key"),
          CsvMerge.Key.text("study_instance_uid")),
      "series.csv", List.of(CsvMerge.Key.text("study_instance_uid"),
          CsvMerge.Key.text("series_instance_uid")),
      "stacks.csv", List.of(CsvMerge.Key.text("series_instance_uid"),
          CsvMerge.Key.number("stack_index")),
      "instances.csv", List.of(CsvMerge.Key.text("series_instance_uid"),
          CsvMerge.Key.text("relative_path")));

  static {
    QUERIES.put("subjects.csv", "SELECT su.subject_key, su.patient_id_hash, su.patient_id,"
        + " su.patient_name, su.patient_sex, su.patient_age, su.completed_at IS NOT NULL AS complete"
        + " FROM subject su WHERE su.cohort_id = ? ORDER BY su.subject_key");
    QUERIES.put("studies.csv", "SELECT su.subject_key, st.study_instance_uid, st.study_date,"
        + " st.study_time, st.study_description, st.modality, st.manufacturer,"
        + " st.manufacturer_model_name, st.station_name, st.institution_name"
        + " FROM study st JOIN subject su ON su.id = st.subject_id WHERE st.cohort_id = ?"
        + " ORDER BY su.subject_key, st.study_instance_uid");
    QUERIES.put("series.csv", "SELECT st.study_instance_uid, se.series_instance_uid, se.modality,"
        + " se.series_number, se.series_date, se.series_time, se.series_description,"
        + " se.protocol_name, se.sequence_name, se.body_part_examined, se.scanning_sequence,"
        + " se.sequence_variant, se.scan_options, se.frame_of_reference_uid, se.slice_thickness,"
        + " se.instance_count, mr.repetition_time, mr.echo_time, mr.inversion_time,"
        + " mr.flip_angle, mr.echo_train_length, mr.mr_acquisition_type, mr.diffusion_b_value,"
        + " mr.parallel_acquisition_technique, mr.magnetic_field_strength, ct.kvp,"
        + " ct.exposure_time, ct.x_ray_tube_current, ct.exposure, ct.convolution_kernel,"
        + " ct.spiral_pitch_factor, ct.ctdi_vol, pt.radiopharmaceutical,"
        + " pt.radionuclide_total_dose, pt.radionuclide_half_life, pt.reconstruction_method,"
        + " pt.attenuation_correction_method, pt.suv_type"
        + " FROM series se JOIN study st ON st.id = se.study_id"
        + " LEFT JOIN mr_series_details mr ON mr.series_id = se.id"
        + " LEFT JOIN ct_series_details ct ON ct.series_id = se.id"
        + " LEFT JOIN pet_series_details pt ON pt.series_id = se.id"
        + " WHERE se.cohort_id = ? ORDER BY st.study_instance_uid, se.series_instance_uid");
    QUERIES.put("stacks.csv", "SELECT se.series_instance_uid, ss.stack_index, ss.stack_key,"
        + " ss.modality, ss.orientation, ss.orientation_confidence, ss.echo_time,"
        + " ss.inversion_time, ss.flip_angle, ss.echo_number, ss.image_type, ss.kvp,"
        + " ss.tube_current, ss.exposure, ss.dose_modulated, ss.tube_current_min,"
        + " ss.tube_current_max, ss.exposure_min, ss.exposure_max, ss.pet_bed_index,"
        + " ss.pet_frame_type, ss.instance_count"
        + " FROM series_stack ss JOIN series se ON se.id = ss.series_id WHERE se.cohort_id = ?"
        + " ORDER BY se.series_instance_uid, ss.stack_index");
    QUERIES.put("instances.csv", "SELECT se.series_instance_uid, ss.stack_key,"
        + " i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.image_position_patient,"
        + " i.image_orientation_patient, i.slice_location, i.rows_count, i.columns_count,"
        + " i.pixel_spacing_row, i.pixel_spacing_column, i.echo_numbers, i.echo_time,"
        + " i.inversion_time, i.flip_angle, i.kvp, i.tube_current, i.exposure, i.orientation,"
        + " i.image_type, i.acquisition_date, i.acquisition_time, i.number_of_frames,"
        + " i.transfer_syntax_uid, i.relative_path, i.file_size"
        + " FROM instance i JOIN series se ON se.id = i.series_id"
        + " LEFT JOIN series_stack ss ON ss.id = i.stack_id WHERE i.cohort_id = ?"
        + " ORDER BY se.series_instance_uid, i.relative_path");
  }

  private final DataSource dataSource;

  public CohortExporter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Raised when the cohort does not exist. */
  public static final class UnknownCohortException extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownCohortException(String cohort) {
      super("no cohort named '" + cohort + "' in the database");
    }
  }

  /** Writes the CSV files into {@code dir}; returns file name → data rows written. */
  public Map<String, Long> export(String cohort, Path dir)
      throws SQLException, IOException, UnknownCohortException {
    Files.createDirectories(dir);
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      long cohortId = cohortId(c, cohort);
      for (Map.Entry<String, String> query : QUERIES.entrySet()) {
        rows.put(query.getKey(), write(c, query.getValue(), dir.resolve(query.getKey()), cohortId));
      }
    }
    return rows;
  }

  /** Reads the files of one folder written by {@link #export}, checking each can be merged. */
  public static List<CsvMerge.Table> readExported(Path dir) throws IOException {
    List<CsvMerge.Table> tables = new ArrayList<>();
    for (String file : QUERIES.keySet()) {
      tables.add(CsvMerge.read(dir.resolve(file), FORMAT));
    }
    return tables;
  }

  /**
   * Merges folders read by {@link #readExported} (e.g. one per subject, exported by separate
   * tasks) into the files one export of all of them writes: the same rows in the same order.
   * Returns file name → data rows written.
   */
  public static Map<String, Long> mergeExported(List<List<CsvMerge.Table>> folders, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, Long> rows = new LinkedHashMap<>();
    int index = 0;
    for (String file : QUERIES.keySet()) {
      List<CsvMerge.Table> tables = new ArrayList<>();
      for (List<CsvMerge.Table> folder : folders) {
        tables.add(folder.get(index));
      }
      rows.put(file, CsvMerge.write(tables, ORDER.get(file), dir.resolve(file), FORMAT));
      index++;
    }
    return rows;
  }

  static long cohortId(Connection c, String cohort) throws SQLException, UnknownCohortException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cohort WHERE name = ?")) {
      ps.setString(1, cohort);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownCohortException(cohort);
        }
        return rs.getLong(1);
      }
    }
  }

  /** The SeriesInstanceUIDs of a cohort, in order. */
  public List<String> seriesUids(String cohort) throws SQLException, UnknownCohortException {
    List<String> uids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT series_instance_uid FROM series"
            + " WHERE cohort_id = ? ORDER BY series_instance_uid")) {
      ps.setLong(1, cohortId(c, cohort));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          uids.add(rs.getString(1));
        }
      }
    }
    return uids;
  }

  /**
   * Writes the stack rows of each given series (the columns of {@code stacks.csv}) to its own
   * file, each under a temporary name first, from one query; a series without stacks gets the
   * header only. Returns series UID → rows written.
   */
  public Map<String, Long> exportSeriesStacks(String cohort, Map<String, Path> files)
      throws SQLException, IOException, UnknownCohortException {
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> uids = List.copyOf(files.keySet());
    // Each folder once: creating it again per file costs a mkdir and an exception each.
    for (Path folder : files.values().stream().map(f -> f.toAbsolutePath().getParent())
        .distinct().toList()) {
      Files.createDirectories(folder);
    }
    String sql = QUERIES.get("stacks.csv").replace(" ORDER BY", " AND se.series_instance_uid IN ("
        + ExtractionWriter.placeholders(uids.size()) + ") ORDER BY");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      List<Object> parameters = new ArrayList<>();
      parameters.add(cohortId(c, cohort));
      parameters.addAll(uids);
      ExtractionWriter.setAll(ps, parameters.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        List<String> header = header(rs);
        CsvTarget target = null;
        try {
          while (rs.next()) {
            String uid = rs.getString(1);
            if (target == null || !target.uid.equals(uid)) {
              if (target != null) {
                rows.put(target.uid, target.commit());
              }
              target = new CsvTarget(uid, files.get(uid), header);
            }
            target.print(rs);
          }
        } catch (SQLException | IOException | RuntimeException e) {
          if (target != null) {
            target.abandon();
          }
          throw e;
        }
        if (target != null) {
          rows.put(target.uid, target.commit());
        }
        for (String uid : uids) {
          if (!rows.containsKey(uid)) {
            rows.put(uid, new CsvTarget(uid, files.get(uid), header).commit());
          }
        }
      }
    }
    return rows;
  }

  private static List<String> header(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      header.add(meta.getColumnLabel(i));
    }
    return header;
  }

  /** One CSV file being written under its temporary name, renamed by {@link #commit()}. */
  private static final class CsvTarget {
    final String uid;
    private final Path file;
    private final Path temp;
    private final CSVPrinter csv;
    private final List<String> values;
    private final int columns;
    private long count;

    CsvTarget(String uid, Path file, List<String> header) throws IOException {
      this.uid = uid;
      this.file = file;
      this.temp = file.resolveSibling(file.getFileName() + ".tmp");
      this.csv = new CSVPrinter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8),
          FORMAT);
      this.columns = header.size();
      this.values = new ArrayList<>(columns);
      csv.printRecord(header);
    }

    void print(ResultSet rs) throws SQLException, IOException {
      values.clear();
      for (int i = 1; i <= columns; i++) {
        values.add(rs.getString(i));
      }
      csv.printRecord(values);
      count++;
    }

    long commit() throws IOException {
      csv.close();
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return count;
    }

    /** Closes and deletes the temporary file: the target file is left as it was. */
    void abandon() throws IOException {
      csv.close();
      Files.deleteIfExists(temp);
    }
  }

  private static long write(Connection c, String sql, Path file, Object... parameters)
      throws SQLException, IOException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ExtractionWriter.setAll(ps, parameters);
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        CsvTarget target = new CsvTarget(null, file, header(rs));
        try {
          while (rs.next()) {
            target.print(rs);
          }
        } catch (SQLException | IOException | RuntimeException e) {
          target.abandon();
          throw e;
        }
        return target.commit();
      }
    }
  }

  /** Per modality: subjects, studies, series, stacks and instances of a cohort. */
  public record ModalityCounts(String modality, long subjects, long studies, long series,
      long stacks, long instances) {}

  public List<ModalityCounts> summary(String cohort) throws SQLException, UnknownCohortException {
    List<ModalityCounts> counts = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      long cohortId = cohortId(c, cohort);
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(se.modality, '?'),"
          + " COUNT(DISTINCT st.subject_id), COUNT(DISTINCT st.id), COUNT(DISTINCT se.id),"
          + " (SELECT COUNT(*) FROM series_stack ss JOIN series s2 ON s2.id = ss.series_id"
          + "   WHERE s2.cohort_id = se.cohort_id AND s2.modality <=> se.modality),"
          + " SUM(se.instance_count)"
          + " FROM series se JOIN study st ON st.id = se.study_id WHERE se.cohort_id = ?"
          + " GROUP BY se.cohort_id, se.modality ORDER BY 1")) {
        ps.setLong(1, cohortId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            counts.add(new ModalityCounts(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6)));
          }
        }
      }
    }
    return counts;
  }
}
