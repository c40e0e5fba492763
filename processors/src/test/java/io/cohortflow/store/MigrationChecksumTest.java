package io.cohortflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** An applied migration edited afterwards stops the migration with a clear error and no change. */
class MigrationChecksumTest {

  @Test
  void editedAppliedMigrationIsRefusedWithoutChangingAnything() throws Exception {
    try (Database db = Database.open(TestDatabase.fresh("checksum"), 1)) {
      db.migrate();
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        // What Flyway sees when V1__schema.sql was edited after it was applied.
        s.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        s.execute("INSERT INTO cohort (name) VALUES ('before')");
      }
      SchemaStatus before = db.status();

      assertThatThrownBy(db::migrate)
          .isInstanceOf(SchemaMigrationException.class)
          .hasMessageContaining("nothing was changed")
          .hasMessageContaining("checksum mismatch")
          .hasMessageContaining("version 1");

      assertThat(db.status()).isEqualTo(before);
    }
  }

  @Test
  void unreachableServerIsNamedWithoutCredentials() {
    DatabaseSettings settings = DatabaseSettings.external(
        "jdbc:mariadb://alice:pa55word@127.0.0.1:1/cohortflow?password=pa55word", "alice",
        "pa55word");
    assertThatThrownBy(() -> Database.open(settings, 1))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("cannot connect to jdbc:mariadb://127.0.0.1:1/cohortflow")
        .hasMessageNotContaining("pa55word");
  }
}
