package io.cohortflow.radiomics;

/**
 * A case that cannot be processed: empty ROI, image and mask on different grids, a missing or
 * unreadable file, bad settings. The batch runner records the message for the case and carries on.
 */
public class RadiomicsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RadiomicsException(String message) {
    super(message);
  }

  public RadiomicsException(String message, Throwable cause) {
    super(message, cause);
  }
}
