package io.cohortflow.store;

/**
 * The schema could not be brought up to date, for example because an applied migration was edited
 * afterwards (checksum mismatch). Raised before any migration runs, so nothing was changed.
 */
public final class SchemaMigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaMigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
