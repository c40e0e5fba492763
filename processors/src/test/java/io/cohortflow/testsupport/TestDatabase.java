package io.cohortflow.testsupport;

import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty databases for tests. By default they are schemas on one embedded MariaDB started
 * for the whole test JVM; with {@code COHORTFLOW_TEST_DB_URL} (plus {@code COHORTFLOW_TEST_DB_USER}
 * and {@code COHORTFLOW_TEST_DB_PASSWORD}) they are created on that external server instead.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static Database embeddedServer;

  private TestDatabase() {}

  /** True when the tests run against an external server. */
  public static boolean isExternal() {
    String url = System.getenv("COHORTFLOW_TEST_DB_URL");
    return url != null && !url.isBlank();
  }

  /** Settings for a new empty schema named after {@code purpose}. */
  public static synchronized DatabaseSettings fresh(String purpose) {
    String name = "t_" + purpose.replaceAll("[^A-Za-z0-9]", "_").toLowerCase()
        + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    if (isExternal()) {
      String url = System.getenv("COHORTFLOW_TEST_DB_URL");
      return createOn(url, System.getenv("COHORTFLOW_TEST_DB_USER"),
          System.getenv("COHORTFLOW_TEST_DB_PASSWORD"), name);
    }
    return createOn(embeddedServerUrl(), "root", "", name);
  }

  /** Creates schema {@code name} on the server of {@code serverUrl} and returns settings for it. */
  public static DatabaseSettings createOn(String serverUrl, String user, String password,
      String name) {
    String base = serverUrl.replaceFirst("(jdbc:mariadb://[^/?]+)(/[^?]*)?(\\?.*)?$", "$1");
    try (Connection connection = DriverManager.getConnection(base + "/", user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + base, e);
    }
    return DatabaseSettings.external(base + "/" + name, user, password);
  }

  private static String embeddedServerUrl() {
    if (embeddedServer == null) {
      try {
        Path dir = Files.createTempDirectory("cohortflow-test-db");
        embeddedServer = Database.open(DatabaseSettings.embedded(dir, "bootstrap"), 2);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    try (Connection connection = embeddedServer.dataSource().getConnection()) {
      return connection.getMetaData().getURL();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
