package io.cohortflow.cli;

import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The database options shared by every command that stores data. Without {@code --db-url} the
 * embedded MariaDB is used. Each option falls back to an environment variable, so that passwords
 * need not appear on a command line.
 */
public final class DatabaseOptions {

  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      defaultValue = "${env:COHORTFLOW_DB_URL}",
      description = "External MariaDB, e.g. jdbc:mariadb://host:3306/cohortflow "
          + "(env COHORTFLOW_DB_URL). Default: the embedded MariaDB.")
  String url;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:COHORTFLOW_DB_USER}",
      description = "User for --db-url (env COHORTFLOW_DB_USER).")
  String user;

  @Option(names = "--db-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      defaultValue = "${env:COHORTFLOW_DB_PASSWORD}",
      description = "Password for --db-url (env COHORTFLOW_DB_PASSWORD; without a value it is "
          + "asked for). Never logged.")
  String password;

  @Option(names = "--db-dir", paramLabel = "DIR", defaultValue = "${env:COHORTFLOW_DB_DIR}",
      description = "Data directory of the embedded MariaDB (env COHORTFLOW_DB_DIR; "
          + "default ~/.cohortflow/mariadb).")
  Path embeddedDirectory;

  /** The settings these options describe. */
  public DatabaseSettings settings() {
    if (url != null && !url.isBlank()) {
      return DatabaseSettings.external(url, blankToNull(user), password);
    }
    return DatabaseSettings.embedded(embeddedDirectory != null
        ? embeddedDirectory : DatabaseSettings.defaultEmbeddedDirectory());
  }

  /** Opens the database with the schema brought up to date. */
  public Database openMigrated(int poolSize) {
    return Database.openMigrated(settings(), poolSize);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
