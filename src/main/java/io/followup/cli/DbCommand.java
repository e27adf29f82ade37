package io.followup.cli;

import io.followup.store.Database;
import io.followup.store.DbBackup;
import java.io.PrintWriter;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;

/** {@code followup db migrate|status}. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema migrations (Flyway).",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class, DbCommand.Backup.class,
                DbCommand.Restore.class})
public final class DbCommand extends CommandGroup {

    static Database open(ConfigOption config, Map<String, String> environment) {
        return config.openDatabase(environment);
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations.")
    static final class Migrate extends DaemonCommand {

        @Override
        public Integer call() {
            try (Database database = open(config, environment)) {
                int applied = database.migrate();
                spec.commandLine().getOut().printf("%d migration(s) applied to %s%n", applied, database.displayUrl());
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "List migrations and their state.")
    static final class Status extends DaemonCommand {

        @Override
        public Integer call() {
            try (Database database = open(config, environment)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("database %s%n", database.displayUrl());
                int pending = 0;
                for (MigrationInfo info : database.migrationStatus()) {
                    out.printf("%-6s %-10s %s%n", info.getVersion(), info.getState().getDisplayName().toLowerCase(),
                            info.getDescription());
                    if (info.getState().isResolved() && !info.getState().isApplied()) {
                        pending++;
                    }
                }
                out.printf("%d pending%n", pending);
            }
            return 0;
        }
    }

    /** {@code backup FILE} and {@code restore FILE}: one file, one operation on the embedded database. */
    abstract static class FileOperation extends DaemonCommand {
        @picocli.CommandLine.Parameters(paramLabel = "FILE", description = "The backup file.")
        java.nio.file.Path file;

        /** Does it; the line printed after it, with the database's URL and the file filled in. */
        abstract String run(Database database);

        @Override
        public final Integer call() {
            try (Database database = open(config, environment)) {
                spec.commandLine().getOut().printf(run(database) + "%n", database.displayUrl(), file);
            }
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of the embedded database to FILE (an SQL script); safe while "
                    + "the daemon runs.")
    static final class Backup extends FileOperation {
        @Override
        String run(Database database) {
            DbBackup.backup(database, file);
            return "backed up %s to %s";
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replace the embedded database's content with backup FILE (written by db backup). Stop "
                    + "the daemon first.")
    static final class Restore extends FileOperation {
        @Override
        String run(Database database) {
            DbBackup.restore(database, file);
            return "restored %s from %s";
        }
    }
}
