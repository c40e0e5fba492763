package io.cohortflow.store;

import io.cohortflow.stacks.Stack;
import io.cohortflow.stacks.StackMember;
import io.cohortflow.stacks.StackPlanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans and stores the stacks of every series a subject's files belong to, with a fixed number of
 * statements per subject: existing keys keep their row and index, new keys get the series' highest
 * index + 1 (in key order), keys no instance has any more are removed, and every instance row
 * points at its stack. Stacks are planned either from the subject's stored instances, which are then
 * pointed at their stacks, or, for a subject whose files all come in one batch, from that batch
 * before it is inserted, so that each instance row is written once, with its stack.
 */
final class StackWriter {
  private static final int ID_CHUNK = 1000;
  private static final String STACK_VALUES = "modality, orientation, orientation_confidence,"
      + " echo_time, inversion_time, flip_angle, echo_number, image_type, kvp, tube_current,"
      + " exposure, dose_modulated, tube_current_min, tube_current_max, exposure_min,"
      + " exposure_max, pet_bed_index, pet_frame_type, instance_count";

  private StackWriter() {}

  private record ExistingStack(long id, int index) {}

  /** Plans the stacks of the subject's stored instances and points each instance at its stack. */
  static void replanSubject(Connection c, long subjectId) throws SQLException {
    Map<Long, String> modalities = new LinkedHashMap<>();
    Map<Long, List<StackMember>> members = membersBySeries(c, subjectId, modalities);
    if (members.isEmpty()) {
      return;
    }
    pointInstances(c, storeStacks(c, modalities, members));
    updateSeriesCounts(c, members.keySet());
  }

  /**
   * Plans and stores the stacks of instances not inserted yet: {@code members} by series id, in
   * the order the instances will be inserted, with any distinct numbers as instance ids. Returns
   * each of those numbers' stack id; {@link #updateSeriesCounts} must follow the insert.
   */
  static Map<Long, Long> planBeforeInsert(Connection c, Map<Long, List<StackMember>> members)
      throws SQLException {
    if (members.isEmpty()) {
      return Map.of();
    }
    return storeStacks(c, seriesModalities(c, members.keySet()), members);
  }

  /**
   * Stores the stacks of {@code members} (by series id, in series id order) and returns instance id
   * → stack id.
   */
  private static Map<Long, Long> storeStacks(Connection c, Map<Long, String> modalities,
      Map<Long, List<StackMember>> members) throws SQLException {
    Map<Long, Map<String, ExistingStack>> existing = existingStacks(c, members.keySet());
    Map<Long, Long> stackOfInstance = new HashMap<>();
    List<Object[]> newRows = new ArrayList<>();
    List<Stack> newStacks = new ArrayList<>();
    for (Map.Entry<Long, List<StackMember>> series : members.entrySet()) {
      long seriesId = series.getKey();
      Map<String, ExistingStack> old = existing.getOrDefault(seriesId, new HashMap<>());
      int maxIndex = old.values().stream().mapToInt(ExistingStack::index).max().orElse(-1);
      for (Stack stack : StackPlanner.plan(modalities.get(seriesId), series.getValue())) {
        ExistingStack kept = old.remove(stack.key());
        if (kept == null) {
          newRows.add(stackRow(seriesId, ++maxIndex, stack));
          newStacks.add(stack);
        } else {
          updateStack(c, kept.id(), stack);
          stack.instanceIds().forEach(instance -> stackOfInstance.put(instance, kept.id()));
        }
      }
      for (ExistingStack orphan : old.values()) {
        deleteStack(c, orphan.id());
      }
    }
    List<Long> newIds = insertStacks(c, newRows);
    for (int i = 0; i < newStacks.size(); i++) {
      long id = newIds.get(i);
      newStacks.get(i).instanceIds().forEach(instance -> stackOfInstance.put(instance, id));
    }
    return stackOfInstance;
  }

  /** The modality of each series, as stored (stacks are planned by the series' modality). */
  private static Map<Long, String> seriesModalities(Connection c,
      java.util.Collection<Long> seriesIds) throws SQLException {
    Map<Long, String> modalities = new HashMap<>();
    List<Long> ids = new ArrayList<>(seriesIds);
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT id, modality FROM series WHERE id IN ("
          + ExtractionWriter.placeholders(chunk.size()) + ")")) {
        ExtractionWriter.setAll(ps, chunk.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            modalities.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
    }
    return modalities;
  }

  private static Map<Long, List<StackMember>> membersBySeries(Connection c, long subjectId,
      Map<Long, String> modalities) throws SQLException {
    Map<Long, List<StackMember>> members = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT i.series_id, s.modality, i.id,"
        + " i.echo_time, i.inversion_time, i.flip_angle, i.echo_numbers, i.image_type,"
        + " i.orientation, i.orientation_confidence, i.kvp, i.tube_current, i.exposure,"
        + " i.pet_number_of_slices, i.pet_series_type"
        + " FROM instance i JOIN series s ON s.id = i.series_id WHERE i.subject_id = ?"
        + " ORDER BY i.series_id, i.id")) {
      ps.setLong(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seriesId = rs.getLong(1);
          modalities.put(seriesId, rs.getString(2));
          members.computeIfAbsent(seriesId, k -> new ArrayList<>()).add(new StackMember(
              rs.getLong(3), rs.getObject(4, Double.class), rs.getObject(5, Double.class),
              rs.getObject(6, Double.class), firstInteger(rs.getString(7)), rs.getString(8),
              rs.getString(9), rs.getObject(10, Double.class), rs.getObject(11, Double.class),
              rs.getObject(12, Double.class), rs.getObject(13, Double.class),
              rs.getObject(14, Integer.class), rs.getString(15)));
        }
      }
    }
    return members;
  }

  /** The first value of a multi-valued integer attribute as stored (echo numbers), or null. */
  static Integer firstInteger(String multiValued) {
    if (multiValued == null || multiValued.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(multiValued.split("\\\\")[0].trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Map<Long, Map<String, ExistingStack>> existingStacks(Connection c,
      java.util.Collection<Long> seriesIds) throws SQLException {
    Map<Long, Map<String, ExistingStack>> existing = new HashMap<>();
    List<Long> ids = new ArrayList<>(seriesIds);
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT series_id, id, stack_key,"
          + " stack_index FROM series_stack WHERE series_id IN ("
          + ExtractionWriter.placeholders(chunk.size()) + ")")) {
        ExtractionWriter.setAll(ps, chunk.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            existing.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                .put(rs.getString(3), new ExistingStack(rs.getLong(2), rs.getInt(4)));
          }
        }
      }
    }
    return existing;
  }

  private static Object[] values(Stack s) {
    return new Object[] {s.modality(), s.orientation(), s.orientationConfidence(), s.echoTime(),
        s.inversionTime(), s.flipAngle(), s.echoNumber(), s.imageType(), s.kvp(),
        s.tubeCurrent(), s.exposure(), s.doseModulated(), s.tubeCurrentMin(), s.tubeCurrentMax(),
        s.exposureMin(), s.exposureMax(), s.petBedIndex(), s.petFrameType(),
        s.instanceIds().size()};
  }

  private static Object[] stackRow(long seriesId, int index, Stack stack) {
    Object[] values = values(stack);
    Object[] all = new Object[values.length + 3];
    all[0] = seriesId;
    all[1] = index;
    all[2] = stack.key();
    System.arraycopy(values, 0, all, 3, values.length);
    return all;
  }

  /** Inserts the rows in one statement; returns their ids, in order. */
  private static List<Long> insertStacks(Connection c, List<Object[]> rows) throws SQLException {
    List<Long> ids = new ArrayList<>();
    if (rows.isEmpty()) {
      return ids;
    }
    String tuple = "(" + ExtractionWriter.placeholders(rows.get(0).length) + ")";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO series_stack (series_id,"
        + " stack_index, stack_key, " + STACK_VALUES + ") VALUES "
        + String.join(", ", java.util.Collections.nCopies(rows.size(), tuple)))) {
      int p = 1;
      for (Object[] row : rows) {
        for (Object value : row) {
          ps.setObject(p++, value);
        }
      }
      ps.executeUpdate();
    }
    // InnoDB gives a multi-row insert consecutive ids; read them back by natural key to be sure.
    Map<String, Long> byKey = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT series_id, stack_key, id"
        + " FROM series_stack WHERE (series_id, stack_key) IN ("
        + String.join(", ", java.util.Collections.nCopies(rows.size(), "(?, ?)")) + ")")) {
      int p = 1;
      for (Object[] row : rows) {
        ps.setObject(p++, row[0]);
        ps.setObject(p++, row[2]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byKey.put(rs.getLong(1) + "|" + rs.getString(2), rs.getLong(3));
        }
      }
    }
    for (Object[] row : rows) {
      ids.add(byKey.get(row[0] + "|" + row[2]));
    }
    return ids;
  }

  private static void updateStack(Connection c, long id, Stack stack) throws SQLException {
    Object[] values = values(stack);
    Object[] all = new Object[values.length + 1];
    System.arraycopy(values, 0, all, 0, values.length);
    all[values.length] = id;
    String assignments = String.join(" = ?, ", STACK_VALUES.split(",\\s*")) + " = ?";
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE series_stack SET " + assignments + " WHERE id = ?")) {
      ExtractionWriter.setAll(ps, all);
      ps.executeUpdate();
    }
  }

  private static void deleteStack(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM series_stack WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  /**
   * One statement per stack (and per {@link #ID_CHUNK} of its instances): a constant IN list is
   * searched by the server in log time, where a CASE over every id was quadratic per chunk.
   */
  private static void pointInstances(Connection c, Map<Long, Long> stackOfInstance)
      throws SQLException {
    Map<Long, List<Long>> instancesOfStack = new LinkedHashMap<>();
    stackOfInstance.forEach((instance, stack) ->
        instancesOfStack.computeIfAbsent(stack, k -> new ArrayList<>()).add(instance));
    for (Map.Entry<Long, List<Long>> stack : instancesOfStack.entrySet()) {
      List<Long> ids = stack.getValue();
      for (int from = 0; from < ids.size(); from += ID_CHUNK) {
        List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("UPDATE instance SET stack_id = ?"
            + " WHERE id IN (" + ExtractionWriter.placeholders(chunk.size()) + ")")) {
          ps.setLong(1, stack.getKey());
          for (int i = 0; i < chunk.size(); i++) {
            ps.setLong(i + 2, chunk.get(i));
          }
          ps.executeUpdate();
        }
      }
    }
  }

  static void updateSeriesCounts(Connection c, java.util.Collection<Long> seriesIds)
      throws SQLException {
    List<Long> ids = new ArrayList<>(seriesIds);
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("UPDATE series s SET instance_count ="
          + " (SELECT COUNT(*) FROM instance i WHERE i.series_id = s.id) WHERE s.id IN ("
          + ExtractionWriter.placeholders(chunk.size()) + ")")) {
        ExtractionWriter.setAll(ps, chunk.toArray());
        ps.executeUpdate();
      }
    }
  }
}
