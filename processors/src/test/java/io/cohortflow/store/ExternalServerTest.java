package io.cohortflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.testsupport.ExternalMariaDbServer;
import io.cohortflow.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/** cohortflow against a MariaDB server it does not manage, with a password-protected user. */
class ExternalServerTest {

  @Test
  void migratesAndReportsOnAnExternalServer() throws Exception {
    try (ExternalMariaDbServer server = ExternalMariaDbServer.start()) {
      DatabaseSettings settings = TestDatabase.createOn(server.serverUrl(), server.user(),
          server.password(), "ext_migrate_" + ProcessHandle.current().pid());
      assertThat(settings.describe()).doesNotContain(String.valueOf(server.password()));
      try (Database db = Database.openMigrated(settings, 2)) {
        assertThat(db.status().applied()).extracting(SchemaStatus.AppliedMigration::version)
            .isEqualTo(io.cohortflow.testsupport.MigrationFiles.versions());
        assertThat(db.migrate()).isEmpty();
      }
      DatabaseSettings wrongPassword = DatabaseSettings.external(
          settings.describe(), server.user(), "not-the-password");
      assertThatThrownBy(() -> Database.open(wrongPassword, 1))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("Access denied")
          .hasMessageNotContaining("not-the-password");
    }
  }
}
