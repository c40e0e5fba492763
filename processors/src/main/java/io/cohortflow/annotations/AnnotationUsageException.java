package io.cohortflow.annotations;

/**
 * A run that cannot start: missing input folder or file, no NIfTI files, an invalid option value.
 * The message is the one nidataset gives for the same mistake; the CLI prints it and exits 2.
 */
public final class AnnotationUsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public AnnotationUsageException(String message) {
    super(message);
  }
}
