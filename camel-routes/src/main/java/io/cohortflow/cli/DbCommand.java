package io.cohortflow.cli;

import io.cohortflow.store.Database;
import io.cohortflow.store.SchemaStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cohortflow db}: applies the schema migrations and reports the database's state. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Database schema: migrate, status.",
    subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
final class DbCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Apply pending schema migrations (commands that need the database do this too).")
  static final class Migrate implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open(database.settings(), 2)) {
        List<String> applied = db.migrate();
        out.println(applied.isEmpty()
            ? "Schema of " + db.describe() + " is up to date."
            : "Applied migrations " + String.join(", ", applied) + " to " + db.describe() + ".");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print the applied migrations and each table's row count (migrates first).")
  static final class Status implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = database.openMigrated(2)) {
        SchemaStatus status = db.status();
        out.println("Database: " + db.describe());
        out.println("Applied migrations:");
        for (SchemaStatus.AppliedMigration m : status.applied()) {
          out.printf("  V%-4s %-28s %s%s%n", m.version(), m.description(), m.installedOn(),
              m.success() ? "" : "  FAILED");
        }
        if (!status.pending().isEmpty()) {
          out.println("Pending migrations: " + String.join(", ", status.pending()));
        }
        out.println("Tables:");
        for (Map.Entry<String, Long> table : status.rowCounts().entrySet()) {
          out.printf("  %-24s %12d rows%n", table.getKey(), table.getValue());
        }
      }
      return ExitCodes.OK;
    }
  }
}
