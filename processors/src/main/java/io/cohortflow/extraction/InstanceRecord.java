package io.cohortflow.extraction;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * What extraction keeps of one DICOM file: the identifiers that place it in its study and series,
 * the study-, series- and modality-level attributes (taken from the first file of each series), and
 * the per-instance attributes, including those that decide its stack. Absent values are null.
 */
public record InstanceRecord(
    String relativePath,
    long fileSize,
    String transferSyntaxUid,
    // patient
    String patientId,
    String patientName,
    String patientSex,
    String patientAge,
    // study
    String studyInstanceUid,
    LocalDate studyDate,
    LocalTime studyTime,
    String studyDescription,
    String manufacturer,
    String manufacturerModelName,
    String stationName,
    String institutionName,
    // series
    String seriesInstanceUid,
    String modality,
    Integer seriesNumber,
    LocalDate seriesDate,
    LocalTime seriesTime,
    String seriesDescription,
    String protocolName,
    String sequenceName,
    String bodyPartExamined,
    String scanningSequence,
    String sequenceVariant,
    String scanOptions,
    String frameOfReferenceUid,
    Double sliceThickness,
    // MR
    Double repetitionTime,
    Double echoTime,
    Double inversionTime,
    Double flipAngle,
    Integer echoTrainLength,
    String mrAcquisitionType,
    Double diffusionBValue,
    String parallelAcquisitionTechnique,
    Double magneticFieldStrength,
    // CT
    Double kvp,
    Double exposureTime,
    Double xRayTubeCurrent,
    Double exposure,
    String convolutionKernel,
    Double spiralPitchFactor,
    Double ctdiVol,
    // PET
    String radiopharmaceutical,
    Double radionuclideTotalDose,
    Double radionuclideHalfLife,
    String reconstructionMethod,
    String attenuationCorrectionMethod,
    String suvType,
    Integer numberOfSlices,
    String seriesType,
    // instance
    String sopInstanceUid,
    String sopClassUid,
    Integer instanceNumber,
    double[] imagePositionPatient,
    double[] imageOrientationPatient,
    Double sliceLocation,
    Integer rows,
    Integer columns,
    double[] pixelSpacing,
    String echoNumbers,
    String imageType,
    LocalDate acquisitionDate,
    LocalTime acquisitionTime,
    Integer numberOfFrames) {
}
