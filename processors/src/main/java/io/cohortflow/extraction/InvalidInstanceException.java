package io.cohortflow.extraction;

/** A file that cannot be imported, with the stage that refused it (parse, validate) and why. */
public final class InvalidInstanceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String stage;

  public InvalidInstanceException(String stage, String message) {
    super(message);
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
