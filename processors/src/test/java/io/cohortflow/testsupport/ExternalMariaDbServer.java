package io.cohortflow.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server that cohortflow does not manage, for the external-server tests: the one named
 * by {@code COHORTFLOW_TEST_DB_URL}, or else a private instance of the system's {@code mariadbd}
 * (Debian package mariadb-server) with a password-protected user, on a free loopback port. Tests
 * skip with a message when neither is available.
 */
public final class ExternalMariaDbServer implements AutoCloseable {
  public static final String USER = "cohortflow_test";
  public static final String PASSWORD = "Ext3rnal-Secret-pw";

  private final String serverUrl;
  private final String user;
  private final String password;
  private final Process process;
  private final Path directory;

  private ExternalMariaDbServer(String serverUrl, String user, String password, Process process,
      Path directory) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.process = process;
    this.directory = directory;
  }

  /** The configured external server, or a private system mariadbd, or a skipped test. */
  public static ExternalMariaDbServer start() throws IOException, InterruptedException {
    if (TestDatabase.isExternal()) {
      return new ExternalMariaDbServer(System.getenv("COHORTFLOW_TEST_DB_URL"),
          System.getenv("COHORTFLOW_TEST_DB_USER"), System.getenv("COHORTFLOW_TEST_DB_PASSWORD"),
          null, null);
    }
    Path mariadbd = Path.of("/usr/sbin/mariadbd");
    Path installDb = Path.of("/usr/bin/mariadb-install-db");
    Assumptions.assumeTrue(Files.isExecutable(mariadbd) && Files.isExecutable(installDb),
        "no external MariaDB: set COHORTFLOW_TEST_DB_URL or install mariadb-server");
    Path dir = Files.createTempDirectory("cohortflow-external-db");
    // Its own tmpdir: with the default (/tmp, shared by every build on the machine) the bootstrap
    // failed once with "Could not remove temporary table '/tmp/#sql-temptable-...'".
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    List<String> common = List.of("--no-defaults", "--datadir=" + dir.resolve("data"),
        "--tmpdir=" + tmp,
        "--user=" + System.getProperty("user.name"));
    run(concat(List.of(installDb.toString()), common,
        List.of("--auth-root-authentication-method=normal", "--skip-test-db", "--force",
            "--skip-name-resolve")));
    int port = freePort();
    Process server = new ProcessBuilder(concat(List.of(mariadbd.toString()), common, List.of(
            "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
            "--pid-file=" + dir.resolve("pid"), "--skip-ssl", "--skip-name-resolve")))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile())
        .start();
    String url = "jdbc:mariadb://127.0.0.1:" + port;
    createUser(url, server, dir);
    return new ExternalMariaDbServer(url, USER, PASSWORD, server, dir);
  }

  private static void createUser(String url, Process server, Path dir)
      throws InterruptedException, IOException {
    SQLException last = null;
    for (int attempt = 0; attempt < 150 && server.isAlive(); attempt++) {
      try (Connection connection = DriverManager.getConnection(url + "/", "root", "");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    server.destroyForcibly();
    throw new IOException("private mariadbd did not start: "
        + Files.readString(dir.resolve("server.log")), last);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static List<String> concat(List<String> first, List<String> second,
      List<String> third) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Server URL without a database, e.g. {@code jdbc:mariadb://127.0.0.1:3306}. */
  public String serverUrl() {
    return serverUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (directory != null) {
      try (var paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp folder left behind is harmless
      }
    }
  }
}
