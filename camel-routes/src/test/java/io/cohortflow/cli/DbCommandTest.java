package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.ExternalMariaDbServer;
import io.cohortflow.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cohortflow db migrate|status} against the embedded and an external server. */
class DbCommandTest {

  @Test
  void embeddedMigrateThenStatus(@TempDir Path dir) throws Exception {
    CliRunner.Result migrate = CliRunner.run("db", "migrate", "--db-dir", dir.toString());
    assertThat(migrate.exitCode()).as(migrate.all()).isZero();
    assertThat(migrate.out()).contains("Applied migrations " + allVersions()
        + " to embedded MariaDB in " + dir);

    CliRunner.Result again = CliRunner.run("db", "migrate", "--db-dir", dir.toString());
    assertThat(again.out()).contains("is up to date");

    CliRunner.Result status = CliRunner.run("db", "status", "--db-dir", dir.toString());
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).containsPattern("V1 +schema")
        .containsPattern("instance +0 rows")
        .containsPattern("series_stack +0 rows");
  }

  @Test
  void unreachableServerIsOneLineWithoutCredentialsAndExit3() {
    CliRunner.Result result = CliRunner.run("db", "status",
        "--db-url", "jdbc:mariadb://127.0.0.1:1/cohortflow?password=hunter2",
        "--db-user", "someone", "--db-password", "hunter2");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).startsWith(
        "cohortflow: error: cannot connect to jdbc:mariadb://127.0.0.1:1/cohortflow");
    assertThat(result.all()).doesNotContain("hunter2");
  }

  @Test
  void externalServerWithPasswordFromOptionAndFromEnvironment() throws Exception {
    try (ExternalMariaDbServer server = ExternalMariaDbServer.start()) {
      String url = TestDatabase.createOn(server.serverUrl(), server.user(), server.password(),
          "cli_external_" + ProcessHandle.current().pid()).describe();

      CliRunner.Result migrate = CliRunner.run("db", "migrate", "--db-url", url,
          "--db-user", server.user(), "--db-password", server.password());
      assertThat(migrate.exitCode()).as(migrate.all()).isZero();
      assertThat(migrate.out()).contains("Applied migrations " + allVersions() + " to " + url);
      assertThat(migrate.all()).doesNotContain(server.password());

      // Separate processes, the password only in the environment, debug logging on.
      String[] status = {"db", "status", "-vv", "--db-url", url, "--db-user", server.user()};
      ProcessResult without = runProcess(null, status);
      assertThat(without.exitCode()).as(without.output()).isEqualTo(ExitCodes.FATAL);
      assertThat(without.output()).contains("Access denied");

      ProcessResult with = runProcess(server.password(), status);
      assertThat(with.exitCode()).as(with.output()).isZero();
      assertThat(with.output()).containsPattern("cohort +0 rows")
          .doesNotContain(server.password());
    }
  }

  private static String allVersions() throws Exception {
    return String.join(", ", io.cohortflow.testsupport.MigrationFiles.versions());
  }

  private record ProcessResult(int exitCode, String output) {}

  private static ProcessResult runProcess(String passwordInEnvironment, String... args)
      throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CohortflowCli.class.getName()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().remove("COHORTFLOW_DB_PASSWORD");
    if (passwordInEnvironment != null) {
      builder.environment().put("COHORTFLOW_DB_PASSWORD", passwordInEnvironment);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new ProcessResult(process.exitValue(), output);
  }
}
