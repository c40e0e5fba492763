package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cohortflow watch} refuses settings it cannot run with as usage errors (exit 2) naming the
 * setting, before any route starts. The running service is tested end to end in {@code tests/}.
 */
class WatchCommandTest {
  @TempDir Path temp;

  @Test
  void settingsThatCannotWorkAreUsageErrors() throws Exception {
    CliRunner.Result workers = CliRunner.run("watch", "--inbox", temp.resolve("in").toString(),
        "--outbox", temp.resolve("out").toString(), "--db-dir", temp.resolve("db").toString(),
        "--workers", "0");
    assertThat(workers.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(workers.err()).contains("cohortflow.watch.workers must be at least 1, got 0");

    CliRunner.Result file = withConfig("cohortflow.watch.max-series-in-flight=many");
    assertThat(file.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(file.err()).contains(
        "cohortflow.watch.max-series-in-flight must be a whole number, got 'many'");

    CliRunner.Result pending = withConfig("cohortflow.watch.max-files-pending=0");
    assertThat(pending.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(pending.err()).contains("cohortflow.watch.max-files-pending must be at least 1");

    CliRunner.Result jmx = withConfig("cohortflow.watch.jmx=yes");
    assertThat(jmx.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(jmx.err()).contains("cohortflow.watch.jmx must be true or false, got 'yes'");

    CliRunner.Result s3 = CliRunner.run("watch", "--inbox", temp.resolve("in").toString(),
        "--outbox", temp.resolve("out").toString(), "--db-dir", temp.resolve("db").toString(),
        "--s3-bucket", "scans", "--s3-prefix", "");
    assertThat(s3.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(s3.err()).contains("s3-prefix must be a non-empty prefix");
  }

  /** {@code cohortflow watch} with a configuration file holding one setting. */
  private CliRunner.Result withConfig(String setting) throws Exception {
    Path config = temp.resolve("watch.properties");
    Files.writeString(config, setting + "\n");
    return CliRunner.run("watch", "--inbox", temp.resolve("in").toString(),
        "--outbox", temp.resolve("out").toString(), "--db-dir", temp.resolve("db").toString(),
        "--config", config.toString());
  }
}
