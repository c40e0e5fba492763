package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The log levels of {@code -v}: by default cohortflow's events and libraries' warnings, without
 * the libraries' lines that repeat an error already reported; {@code -vv} shows everything.
 */
class VerbosityTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void quietAgain() {
    Verbosity.apply(0);
  }

  private Level level(String logger) {
    return context.getLogger(logger).getEffectiveLevel();
  }

  @Test
  void repeatedLibraryErrorsAreShownOnlyWhenAskedFor() {
    Verbosity.apply(0);
    assertThat(level("io.cohortflow.watch.DatasetIngest")).isEqualTo(Level.INFO);
    assertThat(level("org.apache.camel.processor.errorhandler.DefaultErrorHandler"))
        .isEqualTo(Level.WARN);
    assertThat(level("org.apache.camel.processor.MulticastProcessor")).isEqualTo(Level.ERROR);
    assertThat(level("org.mariadb.jdbc.message.server.ErrorPacket")).isEqualTo(Level.ERROR);

    Verbosity.apply(1);
    assertThat(level("org.apache.camel.processor.MulticastProcessor")).isEqualTo(Level.INFO);

    Verbosity.apply(2);
    assertThat(level("org.apache.camel.processor.MulticastProcessor")).isEqualTo(Level.DEBUG);
    assertThat(level("org.apache.camel.component.file.GenericFileOnCompletion"))
        .isEqualTo(Level.DEBUG);
  }
}
