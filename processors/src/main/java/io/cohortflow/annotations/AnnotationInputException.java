package io.cohortflow.annotations;

/**
 * A mask that was read but cannot be annotated or sliced as asked: not 3-D, or larger than the
 * target size. A batch run reports it with the file's name and carries on with the other files.
 */
public final class AnnotationInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public AnnotationInputException(String message) {
    super(message);
  }
}
