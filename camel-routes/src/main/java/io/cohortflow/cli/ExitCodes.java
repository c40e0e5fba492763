package io.cohortflow.cli;

/** The process exit codes every {@code cohortflow} command uses. */
public final class ExitCodes {
  /** Everything succeeded. */
  public static final int OK = 0;
  /** The run finished but some inputs failed (each one reported). */
  public static final int SOME_INPUTS_FAILED = 1;
  /** Unknown option, missing or invalid value. */
  public static final int USAGE = 2;
  /** The run could not go on (e.g. database unreachable). */
  public static final int FATAL = 3;

  private ExitCodes() {}
}
