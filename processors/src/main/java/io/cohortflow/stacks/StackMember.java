package io.cohortflow.stacks;

/**
 * The values of one instance that decide its stack, as stored with the instance.
 *
 * @param instanceId the instance row's id
 * @param orientation SAG, COR, AX or NA
 * @param orientationConfidence the dominant normal component's magnitude, or null
 * @param numberOfSlices PET NumberOfSlices (0054,0081), used as the bed index
 * @param seriesType PET SeriesType (0054,1000), its first value being the frame type
 */
public record StackMember(
    long instanceId,
    Double echoTime,
    Double inversionTime,
    Double flipAngle,
    Integer echoNumber,
    String imageType,
    String orientation,
    Double orientationConfidence,
    Double kvp,
    Double tubeCurrent,
    Double exposure,
    Integer numberOfSlices,
    String seriesType) {}
