package io.followup.cli;

import io.followup.store.Database;
import io.followup.store.DbBackup;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code followup db migrate|status}. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema migrations (Flyway).",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class, DbCommand.Backup.class,
                DbCommand.Restore.class})
public final class DbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Database open(ConfigOption config, Map<String, String> environment) {
        return config.openDatabase(environment);
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        Migrate(Map<String, String> environment) {
            this.environment = environment;
        }

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
    static final class Status implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        Status(Map<String, String> environment) {
            this.environment = environment;
        }

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

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of the embedded database to FILE (an SQL script); safe while "
                    + "the daemon runs.")
    static final class Backup implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "FILE", description = "The new backup file.")
        java.nio.file.Path file;

        private final Map<String, String> environment;

        Backup(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (Database database = open(config, environment)) {
                DbBackup.backup(database, file);
                spec.commandLine().getOut().printf("backed up %s to %s%n", database.displayUrl(), file);
            }
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replace the embedded database's content with backup FILE. Stop the daemon first.")
    static final class Restore implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "FILE", description = "A file written by db backup.")
        java.nio.file.Path file;

        private final Map<String, String> environment;

        Restore(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (Database database = open(config, environment)) {
                DbBackup.restore(database, file);
                spec.commandLine().getOut().printf("restored %s from %s%n", database.displayUrl(), file);
            }
            return 0;
        }
    }
}
