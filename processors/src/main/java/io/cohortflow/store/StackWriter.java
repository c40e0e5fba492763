package io.cohortflow.store;

import io.cohortflow.stacks.Stack;
import io.cohortflow.stacks.StackMember;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the planned stacks of one series: existing keys keep their row and index, new keys get the
 * series' highest index + 1 (in key order), keys no instance has any more are removed, and every
 * instance row points at its stack.
 */
final class StackWriter {
  private static final int ID_CHUNK = 1000;
  private static final String STACK_VALUES = "modality, orientation, orientation_confidence,"
      + " echo_time, inversion_time, flip_angle, echo_number, image_type, kvp, tube_current,"
      + " exposure, dose_modulated, tube_current_min, tube_current_max, exposure_min,"
      + " exposure_max, pet_bed_index, pet_frame_type, instance_count";

  private StackWriter() {}

  static List<StackMember> members(Connection c, long seriesId) throws SQLException {
    List<StackMember> members = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, echo_time, inversion_time,"
        + " flip_angle, echo_numbers, image_type, orientation, orientation_confidence, kvp,"
        + " tube_current, exposure, pet_number_of_slices, pet_series_type"
        + " FROM instance WHERE series_id = ?")) {
      ps.setLong(1, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(new StackMember(rs.getLong(1), rs.getObject(2, Double.class),
              rs.getObject(3, Double.class), rs.getObject(4, Double.class),
              firstInteger(rs.getString(5)), rs.getString(6), rs.getString(7),
              rs.getObject(8, Double.class), rs.getObject(9, Double.class),
              rs.getObject(10, Double.class), rs.getObject(11, Double.class),
              rs.getObject(12, Integer.class), rs.getString(13)));
        }
      }
    }
    return members;
  }

  private static Integer firstInteger(String multiValued) {
    if (multiValued == null || multiValued.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(multiValued.split("\\\\")[0].trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static void replan(Connection c, long seriesId, List<Stack> planned) throws SQLException {
    Map<String, Long> existing = new HashMap<>();
    int maxIndex = -1;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, stack_key, stack_index FROM series_stack WHERE series_id = ?")) {
      ps.setLong(1, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.put(rs.getString(2), rs.getLong(1));
          maxIndex = Math.max(maxIndex, rs.getInt(3));
        }
      }
    }
    int total = 0;
    for (Stack stack : planned) {
      Long id = existing.remove(stack.key());
      if (id == null) {
        id = insertStack(c, seriesId, ++maxIndex, stack);
      } else {
        updateStack(c, id, stack);
      }
      pointInstances(c, id, stack.instanceIds());
      total += stack.instanceIds().size();
    }
    for (long orphan : existing.values()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM series_stack WHERE id = ?")) {
        ps.setLong(1, orphan);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE series SET instance_count = ? WHERE id = ?")) {
      ps.setInt(1, total);
      ps.setLong(2, seriesId);
      ps.executeUpdate();
    }
  }

  private static Object[] values(Stack s) {
    return new Object[] {s.modality(), s.orientation(), s.orientationConfidence(), s.echoTime(),
        s.inversionTime(), s.flipAngle(), s.echoNumber(), s.imageType(), s.kvp(),
        s.tubeCurrent(), s.exposure(), s.doseModulated(), s.tubeCurrentMin(), s.tubeCurrentMax(),
        s.exposureMin(), s.exposureMax(), s.petBedIndex(), s.petFrameType(),
        s.instanceIds().size()};
  }

  private static long insertStack(Connection c, long seriesId, int index, Stack stack)
      throws SQLException {
    Object[] values = values(stack);
    Object[] all = new Object[values.length + 3];
    all[0] = seriesId;
    all[1] = index;
    all[2] = stack.key();
    System.arraycopy(values, 0, all, 3, values.length);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO series_stack (series_id,"
        + " stack_index, stack_key, " + STACK_VALUES + ") VALUES ("
        + ExtractionWriter.placeholders(all.length) + ")", Statement.RETURN_GENERATED_KEYS)) {
      ExtractionWriter.setAll(ps, all);
      ps.executeUpdate();
      return ExtractionWriter.generatedId(ps);
    }
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

  private static void pointInstances(Connection c, long stackId, List<Long> instanceIds)
      throws SQLException {
    for (int from = 0; from < instanceIds.size(); from += ID_CHUNK) {
      List<Long> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + ID_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("UPDATE instance SET stack_id = ? WHERE id IN ("
          + ExtractionWriter.placeholders(chunk.size()) + ")")) {
        ps.setLong(1, stackId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 2, chunk.get(i));
        }
        ps.executeUpdate();
      }
    }
  }
}
