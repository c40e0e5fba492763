package io.cohortflow.store;

/**
 * The database could not be reached or started. The message names the server (URL without
 * credentials, or the embedded data directory) and the reason, and never contains a password.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public DatabaseUnavailableException(String message) {
    super(message);
  }
}
