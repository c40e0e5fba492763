package io.cohortflow.stacks;

import java.util.List;

/**
 * One homogeneous stack of a series: its key, the values that define it (rounded as in the key;
 * null where the key says NA) and its members. For a dose-modulated CT stack the tube current and
 * exposure are null and their ranges over the members are given instead.
 */
public record Stack(
    String key,
    String modality,
    String orientation,
    Double orientationConfidence,
    Double echoTime,
    Double inversionTime,
    Double flipAngle,
    Integer echoNumber,
    String imageType,
    Double kvp,
    Double tubeCurrent,
    Double exposure,
    boolean doseModulated,
    Double tubeCurrentMin,
    Double tubeCurrentMax,
    Double exposureMin,
    Double exposureMax,
    Integer petBedIndex,
    String petFrameType,
    List<Long> instanceIds) {}
