package io.cohortflow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open cohortflow database: a connection pool on an external MariaDB server, or on an embedded
 * server started for this process. Closing it closes the pool and stops the embedded server. The
 * schema is brought up to date with {@link #migrate()}.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int DEFAULT_POOL_SIZE = 8;

  private final DatabaseSettings settings;
  private final EmbeddedMariaDb embedded;
  private final HikariDataSource pool;
  private final Thread shutdownHook;

  private Database(DatabaseSettings settings, EmbeddedMariaDb embedded, HikariDataSource pool) {
    this.settings = settings;
    this.embedded = embedded;
    this.pool = pool;
    this.shutdownHook = new Thread(this::closeResources, "cohortflow-db-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Connects (starting the embedded server when the settings say so) without touching the schema. */
  public static Database open(DatabaseSettings settings) {
    return open(settings, DEFAULT_POOL_SIZE);
  }

  /** As {@link #open(DatabaseSettings)}, with a pool of up to {@code poolSize} connections. */
  public static Database open(DatabaseSettings settings, int poolSize) {
    EmbeddedMariaDb embedded = null;
    try {
      String url = settings.url();
      String user = settings.user();
      String password = settings.password();
      if (settings.isEmbedded()) {
        embedded = EmbeddedMariaDb.start(settings.embeddedDirectory());
        createSchema(embedded, settings.embeddedDatabase());
        url = embedded.jdbcUrl(settings.embeddedDatabase());
        user = "root";
        password = "";
      }
      HikariDataSource pool = new HikariDataSource(poolConfig(url, user, password, poolSize));
      LOG.debug("Connected to {}", settings.describe());
      return new Database(settings, embedded, pool);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      if (e instanceof DatabaseUnavailableException) {
        throw e;
      }
      throw unavailable(settings, e);
    }
  }

  /** Opens the database and applies any pending migration: what every command that stores data uses. */
  public static Database openMigrated(DatabaseSettings settings, int poolSize) {
    Database database = open(settings, poolSize);
    try {
      database.migrate();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static HikariConfig poolConfig(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("cohortflow");
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    // Every statement is a PreparedStatement; most are used once per batch, so client-side
    // preparation (one round trip) beats a server-side PREPARE per statement text.
    config.addDataSourceProperty("useServerPrepStmts", "false");
    config.addDataSourceProperty("connectTimeout", "10000");
    return config;
  }

  private static void createSchema(EmbeddedMariaDb server, String database) {
    if (!database.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("invalid embedded database name: " + database);
    }
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""), "root", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS `" + database
          + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "cannot create database " + database + " in the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  private static DatabaseUnavailableException unavailable(DatabaseSettings settings,
      RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (settings.password() != null && !settings.password().isEmpty()) {
      reason = reason.replace(settings.password(), "***");
    }
    return new DatabaseUnavailableException(
        "cannot connect to " + settings.describe() + ": " + reason.lines().findFirst().orElse(""), e);
  }

  /** The pooled data source; connections must be closed by the caller. */
  public DataSource dataSource() {
    return pool;
  }

  /** Where this database lives, safe to print. */
  public String describe() {
    return settings.describe();
  }

  /** Applies pending migrations; returns the versions applied now (empty when up to date). */
  public List<String> migrate() {
    return SchemaMigrator.migrate(pool);
  }

  /** The applied migrations and each table's row count. */
  public SchemaStatus status() {
    return SchemaMigrator.status(pool);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to run and will close the resources itself
      return;
    }
    closeResources();
  }

  private synchronized void closeResources() {
    if (!pool.isClosed()) {
      pool.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
