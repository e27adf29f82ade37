package io.followup.store;

import io.followup.FollowupException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code db backup FILE} / {@code db restore FILE} for the H2 database: a consistent online copy as a compressed SQL
 * script ({@code SCRIPT TO}, taken in one transaction while the daemon runs), and its restore
 * into a stopped daemon's database ({@code DROP ALL OBJECTS}, then {@code RUNSCRIPT}). MariaDB is backed up with
 * {@code mariadb-dump --single-transaction} (see README). The {@code db} command calls it: its SQL belongs with the
 * store. Stateless.
 */
public final class DbBackup {

    private DbBackup() {
    }

    /** Writes the whole database to {@code file} (which must not exist). */
    public static void backup(Database database, Path file) {
        requireH2(database);
        if (Files.exists(file)) {
            throw FollowupException.badInput("backup file " + file + " exists already; choose a new name");
        }
        database.jdbi().useHandle(handle -> handle.execute("SCRIPT TO '" + literal(file) + "'"));
    }

    /** Replaces everything in the database with the content of backup {@code file}. */
    public static void restore(Database database, Path file) {
        requireH2(database);
        if (!Files.isRegularFile(file)) {
            throw FollowupException.notFound("no backup file " + file);
        }
        database.jdbi().useTransaction(handle -> {
            handle.execute("DROP ALL OBJECTS");
            handle.execute("RUNSCRIPT FROM '" + literal(file) + "'");
        });
    }

    private static void requireH2(Database database) {
        if (database.dialect() != Dialect.H2) {
            throw FollowupException.badInput("db backup/restore handle the embedded H2 database; for MariaDB use "
                    + "mariadb-dump --single-transaction (see README)");
        }
    }

    private static String literal(Path file) {
        return file.toAbsolutePath().toString().replace("'", "''");
    }
}
