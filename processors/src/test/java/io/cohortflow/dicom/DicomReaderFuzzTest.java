package io.cohortflow.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of the reader. In the normal build it runs in regression mode on the seeds in
 * {@code DicomReaderFuzzTestInputs/readerNeverCrashes} (pydicom-written files in each encoding);
 * {@code JAZZER_FUZZ=1} fuzzes for real (see docs/dicom.md). Only {@link DicomParseException} may
 * escape; a hang or an OutOfMemoryError fails the run.
 */
class DicomReaderFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void readerNeverCrashes(byte[] data) {
    DicomFuzzTarget.readFully(data);
  }
}
