package io.cohortflow.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns an exception that escaped a command into one clear line on standard error and exit code 3.
 * The stack trace is logged at debug level only, so {@code -vv} shows it when a user reports a bug.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (ex instanceof CommandLine.ParameterException usage) {
      commandLine.getErr().println("cohortflow: " + usage.getMessage());
      return ExitCodes.USAGE;
    }
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    commandLine.getErr().println("cohortflow: error: " + message);
    LOG.debug("Stack trace of the failure", ex);
    return ExitCodes.FATAL;
  }
}
