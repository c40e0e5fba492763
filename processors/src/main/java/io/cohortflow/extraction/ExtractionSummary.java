package io.cohortflow.extraction;

/**
 * What an extraction run did.
 *
 * @param jobId the job row of this run
 * @param subjects subject folders seen
 * @param subjectsSkipped complete subjects skipped without walking them (resume)
 * @param rootFiles files directly under the source, counted but not imported
 * @param filesFound candidate files (by name) under the subject folders
 * @param filesImported files written as instances in this run
 * @param filesSkipped files already imported by an earlier run, skipped without parsing
 * @param filesFailed files refused (not DICOM, damaged, missing UIDs, SOP Instance UID conflicts)
 */
public record ExtractionSummary(long jobId, long subjects, long subjectsSkipped, long rootFiles,
    long filesFound, long filesImported, long filesSkipped, long filesFailed) {

  /** True when every candidate file was imported or already there. */
  public boolean allSucceeded() {
    return filesFailed == 0;
  }
}
