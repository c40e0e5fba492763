package io.cohortflow.extraction;

import java.nio.file.Path;

/** Reads the extraction attributes of one file; implemented over the DICOM codec. */
public interface HeaderReader {
  /**
   * @param file the file to read
   * @param relativePath its path relative to the extraction source, recorded in the result
   * @throws InvalidInstanceException when the file is not DICOM, is damaged, or lacks an identifier
   */
  InstanceRecord read(Path file, String relativePath) throws InvalidInstanceException;

  /** True when {@code file} starts like a DICOM Part 10 file (preamble + "DICM"). */
  boolean hasDicomMagic(Path file);
}
