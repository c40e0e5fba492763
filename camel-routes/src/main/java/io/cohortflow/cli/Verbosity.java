package io.cohortflow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/**
 * The {@code -v} option shared by every command, and the log levels it sets before the command runs:
 * quiet by default (cohortflow's own events only), {@code -v} for cohortflow's detail and libraries'
 * notices, {@code -vv} for everything.
 */
public final class Verbosity {
  /**
   * Libraries' lines that repeat what cohortflow or Camel's error handler already reports once,
   * shown only from {@code -v} on: the driver's copy of each server error, Camel's "rollback" of a
   * file whose exchange failed, and the split's second look at a dataset plan that failed ("This
   * exception is ignored"), which came with a whole stack trace on every failed attempt.
   */
  private static final List<String> REPEATS = List.of(
      "org.mariadb.jdbc.message.server.ErrorPacket",
      "org.apache.camel.component.file.GenericFileOnCompletion",
      "org.apache.camel.processor.MulticastProcessor");

  @CommandLine.Option(
      names = {"-v", "--verbose"},
      description = "More log output; repeat (-vv) for debug output of every library.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean[] verbose = new boolean[0];

  static int configureThenRun(CommandLine.ParseResult parseResult) {
    apply(countVerbose(parseResult));
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static int countVerbose(CommandLine.ParseResult parseResult) {
    int count = 0;
    for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption("-v")) {
        count = Math.max(count, pr.matchedOption("-v").stringValues().size());
      }
    }
    return count;
  }

  static void apply(int level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    context.getLogger("io.cohortflow").setLevel(level == 0 ? Level.INFO : Level.DEBUG);
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .setLevel(level == 0 ? Level.WARN : level == 1 ? Level.INFO : Level.DEBUG);
    for (String name : REPEATS) {
      context.getLogger(name).setLevel(level == 0 ? Level.ERROR : null);
    }
  }
}
