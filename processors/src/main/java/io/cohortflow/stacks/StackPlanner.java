package io.cohortflow.stacks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups the instances of one series into homogeneous stacks. MR instances share a stack when echo
 * time, inversion time, flip angle, echo number, image type and orientation match; CT when kVp, tube
 * current, exposure and orientation match; PET when bed index, frame type and orientation match;
 * other modalities by image type and orientation. A CT group of one kVp and orientation whose tube
 * current takes more than two distinct values is dose modulation: one stack {@code MA=MOD|EXP=MOD}.
 * The result is sorted by key and does not depend on the order of the members.
 */
public final class StackPlanner {
  /** More distinct tube currents than this within one kVp and orientation means modulation. */
  static final int MAX_DISTINCT_CURRENTS_WITHOUT_MODULATION = 2;

  private StackPlanner() {}

  /** The stacks of a series of {@code modality}, sorted by key. */
  public static List<Stack> plan(String modality, List<StackMember> members) {
    String mod = StackKey.text(modality);
    List<StackMember> ordered = new ArrayList<>(members);
    ordered.sort(Comparator.comparingLong(StackMember::instanceId));
    Map<String, Stack> stacks = switch (mod) {
      case "MR" -> group(ordered, StackPlanner::mrKey, (key, group) -> mrStack(key, group));
      case "CT" -> ctStacks(ordered);
      case "PT" -> group(ordered, StackPlanner::petKey, (key, group) -> petStack(key, group));
      default -> group(ordered, m -> otherKey(mod, m), (key, group) -> otherStack(mod, key, group));
    };
    return List.copyOf(stacks.values());
  }

  private interface StackFactory {
    Stack create(String key, List<StackMember> members);
  }

  private static Map<String, Stack> group(List<StackMember> members,
      Function<StackMember, String> keyOf, StackFactory factory) {
    Map<String, List<StackMember>> groups = new TreeMap<>();
    for (StackMember member : members) {
      groups.computeIfAbsent(keyOf.apply(member), k -> new ArrayList<>()).add(member);
    }
    Map<String, Stack> stacks = new TreeMap<>();
    groups.forEach((key, group) -> stacks.put(key, factory.create(key, group)));
    return stacks;
  }

  static String mrKey(StackMember m) {
    return "MR|TE=" + StackKey.number(m.echoTime(), 2)
        + "|TI=" + StackKey.number(m.inversionTime(), 1)
        + "|FA=" + StackKey.number(m.flipAngle(), 1)
        + "|ECHO=" + StackKey.integer(m.echoNumber())
        + "|TYPE=" + StackKey.imageType(m.imageType())
        + "|ORIENT=" + orientation(m);
  }

  static String petKey(StackMember m) {
    return "PT|BED=" + StackKey.integer(m.numberOfSlices())
        + "|FRAME=" + frameType(m.seriesType())
        + "|ORIENT=" + orientation(m);
  }

  private static String otherKey(String modality, StackMember m) {
    return modality + "|TYPE=" + StackKey.imageType(m.imageType()) + "|ORIENT=" + orientation(m);
  }

  private static String ctGroupKey(StackMember m) {
    return "CT|KVP=" + StackKey.number(m.kvp(), 0);
  }

  private static Map<String, Stack> ctStacks(List<StackMember> members) {
    Map<String, List<StackMember>> byKvpAndOrientation = new LinkedHashMap<>();
    for (StackMember m : members) {
      byKvpAndOrientation.computeIfAbsent(ctGroupKey(m) + "|" + orientation(m),
          k -> new ArrayList<>()).add(m);
    }
    Map<String, Stack> stacks = new TreeMap<>();
    for (List<StackMember> group : byKvpAndOrientation.values()) {
      StackMember first = group.get(0);
      long currents = group.stream().map(m -> StackKey.number(m.tubeCurrent(), 0)).distinct()
          .count();
      if (currents > MAX_DISTINCT_CURRENTS_WITHOUT_MODULATION) {
        String key = ctGroupKey(first) + "|MA=MOD|EXP=MOD|ORIENT=" + orientation(first);
        stacks.put(key, ctStack(key, group, true));
      } else {
        stacks.putAll(group(group, m -> ctGroupKey(m) + "|MA=" + StackKey.number(m.tubeCurrent(), 0)
            + "|EXP=" + StackKey.number(m.exposure(), 0) + "|ORIENT=" + orientation(m),
            (key, members2) -> ctStack(key, members2, false)));
      }
    }
    return stacks;
  }

  private static String orientation(StackMember m) {
    return m.orientation() == null ? StackKey.MISSING : m.orientation();
  }

  private static String frameType(String seriesType) {
    return seriesType == null ? StackKey.MISSING : StackKey.text(seriesType.split("\\\\")[0]);
  }

  private static Double rounded(Double value, int decimals) {
    String text = StackKey.number(value, decimals);
    return StackKey.MISSING.equals(text) ? null : Double.valueOf(text);
  }

  private static Double lowestConfidence(List<StackMember> members) {
    return members.stream().map(StackMember::orientationConfidence).filter(Objects::nonNull)
        .min(Double::compare).orElse(null);
  }

  private static List<Long> ids(List<StackMember> members) {
    return members.stream().map(StackMember::instanceId).toList();
  }

  private static Stack mrStack(String key, List<StackMember> members) {
    StackMember m = members.get(0);
    return new Stack(key, "MR", orientation(m), lowestConfidence(members),
        rounded(m.echoTime(), 2), rounded(m.inversionTime(), 1), rounded(m.flipAngle(), 1),
        m.echoNumber(), StackKey.imageType(m.imageType()), null, null, null, false, null, null,
        null, null, null, null, ids(members));
  }

  private static Stack ctStack(String key, List<StackMember> members, boolean modulated) {
    StackMember m = members.get(0);
    DoubleSummaryStatistics currents = summary(members, StackMember::tubeCurrent);
    DoubleSummaryStatistics exposures = summary(members, StackMember::exposure);
    return new Stack(key, "CT", orientation(m), lowestConfidence(members), null, null, null,
        null, StackKey.imageType(m.imageType()), rounded(m.kvp(), 0),
        modulated ? null : rounded(m.tubeCurrent(), 0), modulated ? null : rounded(m.exposure(), 0),
        modulated, min(currents), max(currents), min(exposures), max(exposures), null, null,
        ids(members));
  }

  private static Stack petStack(String key, List<StackMember> members) {
    StackMember m = members.get(0);
    String frame = frameType(m.seriesType());
    return new Stack(key, "PT", orientation(m), lowestConfidence(members), null, null, null,
        null, StackKey.imageType(m.imageType()), null, null, null, false, null, null, null, null,
        m.numberOfSlices(), StackKey.MISSING.equals(frame) ? null : frame, ids(members));
  }

  private static Stack otherStack(String modality, String key, List<StackMember> members) {
    StackMember m = members.get(0);
    return new Stack(key, modality, orientation(m), lowestConfidence(members), null, null, null,
        null, StackKey.imageType(m.imageType()), null, null, null, false, null, null, null, null,
        null, null, ids(members));
  }

  private static DoubleSummaryStatistics summary(List<StackMember> members,
      Function<StackMember, Double> value) {
    DoubleSummaryStatistics stats = new DoubleSummaryStatistics();
    members.stream().map(value).filter(Objects::nonNull).forEach(stats::accept);
    return stats;
  }

  private static Double min(DoubleSummaryStatistics stats) {
    return stats.getCount() == 0 ? null : stats.getMin();
  }

  private static Double max(DoubleSummaryStatistics stats) {
    return stats.getCount() == 0 ? null : stats.getMax();
  }
}
