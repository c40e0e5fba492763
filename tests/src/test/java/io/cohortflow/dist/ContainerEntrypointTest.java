package io.cohortflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.dist.Distribution.Outcome;
import io.cohortflow.testsupport.ExternalMariaDbServer;
import io.cohortflow.testsupport.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code containers/entrypoint.sh}, the container image's entry point, run against the unpacked
 * distribution archive (its {@code bin/} on PATH, as in the image): arguments passed through, the
 * default {@code watch} command configured from the environment, secrets read from
 * {@code *_FILE} files, waiting for the database, bad settings refused, and no secret value in
 * its output.
 */
class ContainerEntrypointTest {
  private static final String DB_PASSWORD = "Db-Pass-1f9c7e";
  private static final String S3_SECRET = "S3-Secret-88ad2b";
  private static final String HASH_SECRET = "Hash-Secret-40e1aa";

  @TempDir static Path work;
  private static Path entrypoint;
  private static String path;

  @BeforeAll
  static void unpack() throws Exception {
    Path home = Distribution.unpack(work.resolve("opt"));
    entrypoint = Distribution.REPOSITORY.resolve("containers/entrypoint.sh");
    path = home.resolve("bin") + ":" + System.getenv("PATH");
  }

  @Test
  void passesItsArgumentsToCohortflowAndPrintsNoSecret() throws Exception {
    Map<String, String> env = withSecrets();
    Outcome outcome = entrypoint(env, "--version");
    assertThat(outcome.exitCode()).as("%s", outcome).isZero();
    assertThat(outcome.stdout()).startsWith("cohortflow " + Distribution.VERSION + "\n");
    assertNoSecretIn(outcome);
  }

  @Test
  void withoutArgumentsRunsWatchConfiguredByTheEnvironment() throws Exception {
    Map<String, String> env = withSecrets();
    env.put("COHORTFLOW_WATCH_INBOX", work.resolve("inbox").toString());
    env.put("COHORTFLOW_WATCH_OUTBOX", work.resolve("outbox").toString());
    env.put("COHORTFLOW_DB_DIR", work.resolve("db").toString());
    // A setting the watch service refuses before it takes any input: proof that the default
    // command is watch and that the environment reaches it.
    env.put("COHORTFLOW_WATCH_WORKERS", "0");
    Outcome outcome = entrypoint(env);
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(2);
    assertThat(outcome.stderr()).startsWith("cohortflow.watch.workers must be at least 1, got 0\n"
        + "Usage: cohortflow watch ");
    assertNoSecretIn(outcome);
  }

  @Test
  void givesUpWaitingForADatabaseThatNeverAnswers() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = withSecrets();
    env.put("COHORTFLOW_DB_URL", "jdbc:mariadb://127.0.0.1:" + port + "/cohortflow?user=u&password="
        + DB_PASSWORD);
    env.put("COHORTFLOW_WAIT_FOR_DB", "2");
    Outcome outcome = entrypoint(env, "--version");
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(3);
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.stderr()).isEqualTo(
        "cohortflow-entrypoint: waiting up to 2 s for the database at 127.0.0.1:" + port + "\n"
        + "cohortflow-entrypoint: the database at 127.0.0.1:" + port
        + " did not accept connections within 2 s\n");
    assertNoSecretIn(outcome);
  }

  @Test
  void startsOnceTheDatabasePortAcceptsConnections() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Map<String, String> env = withSecrets();
      env.put("COHORTFLOW_DB_URL", "jdbc:mariadb://127.0.0.1:" + socket.getLocalPort() + "/x");
      env.put("COHORTFLOW_WAIT_FOR_DB", "30");
      Outcome outcome = entrypoint(env, "--version");
      assertThat(outcome.exitCode()).as("%s", outcome).isZero();
      assertThat(outcome.stderr()).endsWith("cohortflow-entrypoint: the database at 127.0.0.1:"
          + socket.getLocalPort() + " accepts connections\n");
      assertThat(outcome.stdout()).startsWith("cohortflow " + Distribution.VERSION);
    }
  }

  @Test
  void readsThePasswordFromAFileAndTheServerAcceptsIt() throws Exception {
    try (ExternalMariaDbServer server = ExternalMariaDbServer.start()) {
      Map<String, String> env = Distribution.environment();
      env.put("PATH", path);
      String database = "cohortflow_entrypoint_" + ProcessHandle.current().pid();
      TestDatabase.createOn(server.serverUrl(), server.user(), server.password(), database);
      env.put("COHORTFLOW_DB_URL",
          server.serverUrl().replaceFirst("^(jdbc:mariadb://[^/?]+).*$", "$1/" + database));
      env.put("COHORTFLOW_DB_USER", server.user());
      // As a secrets file usually is: with a trailing newline.
      env.put("COHORTFLOW_DB_PASSWORD_FILE", secretFile("db-password", server.password() + "\n"));
      Outcome migrated = entrypoint(env, "db", "migrate");
      assertThat(migrated.exitCode()).as("%s", migrated).isZero();
      assertThat(migrated.all()).doesNotContain(server.password());

      env.put("COHORTFLOW_DB_PASSWORD_FILE", secretFile("wrong-password", "not-" + DB_PASSWORD));
      Outcome refused = entrypoint(env, "db", "status");
      assertThat(refused.exitCode()).as("%s", refused).isEqualTo(3);
      assertThat(refused.stderr()).contains("Access denied");
      assertThat(refused.all()).doesNotContain(DB_PASSWORD);
    }
  }

  @Test
  void refusesAmbiguousOrUnreadableSecretsAndABadWait() throws Exception {
    Map<String, String> both = withSecrets();
    both.put("COHORTFLOW_DB_PASSWORD_FILE", secretFile("both", DB_PASSWORD));
    assertRefused(both, "cohortflow-entrypoint: both COHORTFLOW_DB_PASSWORD and"
        + " COHORTFLOW_DB_PASSWORD_FILE are set; set only one of them\n");

    Map<String, String> missing = Distribution.environment();
    missing.put("PATH", path);
    Path absent = work.resolve("no-such-secret");
    missing.put("COHORTFLOW_WATCH_S3_SECRET_KEY_FILE", absent.toString());
    assertRefused(missing, "cohortflow-entrypoint: COHORTFLOW_WATCH_S3_SECRET_KEY_FILE names "
        + absent + ", which is not a readable file\n");

    Map<String, String> badWait = withSecrets();
    badWait.put("COHORTFLOW_WAIT_FOR_DB", "soon");
    assertRefused(badWait, "cohortflow-entrypoint: COHORTFLOW_WAIT_FOR_DB must be a whole number"
        + " of seconds, got 'soon'\n");

    Map<String, String> waitWithoutUrl = withSecrets();
    waitWithoutUrl.put("COHORTFLOW_WAIT_FOR_DB", "5");
    assertRefused(waitWithoutUrl, "cohortflow-entrypoint: COHORTFLOW_WAIT_FOR_DB is set but"
        + " COHORTFLOW_DB_URL is not (the embedded database needs no wait)\n");
  }

  private static void assertRefused(Map<String, String> env, String message) throws Exception {
    Outcome outcome = entrypoint(env, "--version");
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(2);
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.stderr()).isEqualTo(message);
    assertNoSecretIn(outcome);
  }

  private static Map<String, String> withSecrets() {
    Map<String, String> env = Distribution.environment();
    env.put("PATH", path);
    env.put("COHORTFLOW_DB_PASSWORD", DB_PASSWORD);
    env.put("COHORTFLOW_WATCH_S3_SECRET_KEY", S3_SECRET);
    env.put("COHORTFLOW_IDENTIFIER_SECRET", HASH_SECRET);
    return env;
  }

  private static String secretFile(String name, String content) throws IOException {
    return Files.writeString(work.resolve(name), content).toString();
  }

  private static void assertNoSecretIn(Outcome outcome) {
    assertThat(outcome.all()).doesNotContain(DB_PASSWORD, S3_SECRET, HASH_SECRET);
  }

  private static Outcome entrypoint(Map<String, String> env, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = entrypoint.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return Distribution.run(work, env, 300, command);
  }
}
