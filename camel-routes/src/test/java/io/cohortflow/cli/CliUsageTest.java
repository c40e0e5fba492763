package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors give the usage text and exit code 2; help and version exit 0. */
class CliUsageTest {

  @Test
  void unknownOptionPrintsUsageAndExits2() {
    CliRunner.Result result = CliRunner.run("db", "status", "--no-such-option");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Unknown option: '--no-such-option'")
        .contains("Usage: cohortflow db status");
  }

  @Test
  void missingOptionValuePrintsUsageAndExits2() {
    CliRunner.Result result = CliRunner.run("db", "migrate", "--db-dir");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Missing required parameter for option '--db-dir'");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    CliRunner.Result result = CliRunner.run("db");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Missing subcommand").contains("Usage: cohortflow db");
  }

  @Test
  void helpAndVersionExit0() {
    CliRunner.Result help = CliRunner.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: cohortflow").contains("db");
    CliRunner.Result version = CliRunner.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("cohortflow ");
  }
}
