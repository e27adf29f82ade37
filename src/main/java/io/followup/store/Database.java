package io.followup.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database followup keeps its state in: a HikariCP pool, a Jdbi handle factory and the Flyway migrations.
 * Embedded H2 (a file under the data directory) when no database is configured, MariaDB otherwise.
 * Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {

    /** The embedded database's JDBC URL prefix: H2's file system that a thread interrupt cannot close. */
    private static final String EMBEDDED_PREFIX = "jdbc:h2:async:";

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_NAME = "followup";
    /** H2's "database may be already in use": another process holds the file lock. */
    private static final int H2_ALREADY_OPEN = 90020;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String displayUrl;
    private final boolean ownsPool;
    /** An H2 database only this process can open (embedded, no AUTO_SERVER): see {@link #withBulkWrites}. */
    private final boolean ownFile;
    private volatile DataDirectory dataDirectory;

    private Database(HikariDataSource dataSource, Dialect dialect, String displayUrl, boolean ownsPool,
                     boolean ownFile) {
        this.dataSource = dataSource;
        this.ownFile = ownFile;
        this.dialect = dialect;
        this.displayUrl = displayUrl;
        this.ownsPool = ownsPool;
        this.jdbi = Jdbi.create(dataSource);
        InstantMapping.install(jdbi);
    }

    /**
     * The same database for a caller that will close what it is given: closing the borrowed one does nothing. Its
     * lender may be writing meanwhile (a running daemon's chores, for a command it runs), so {@link #withBulkWrites}
     * on the borrowed one leaves H2's write delay alone.
     */
    public Database borrowed() {
        return new Database(dataSource, dialect, displayUrl, false, false);
    }

    /**
     * Opens the database at {@code url}, or the embedded one under {@code dataDir} when {@code url} is null. The
     * data directory is made owner-only first (see {@link DataDirectory}); an embedded database another process
     * holds is a {@link StoreException} naming the locked file.
     *
     * @param password asked once, only when {@code url} is not null (a secret read from a file or the environment
     *                 is resolved here, not before); may return null
     * @param poolSize the pool's size; 0 or less for the default of 10
     */
    public static Database open(String url, String user, Supplier<String> password, int poolSize, Path dataDir) {
        DataDirectory directory = DataDirectory.secure(dataDir);
        Database database = url == null
                ? open(embeddedUrl(dataDir), "sa", "", 5)
                : open(url, user, password.get(), poolSize <= 0 ? 10 : poolSize);
        directory.restrictFiles();
        database.dataDirectory = directory;
        return database;
    }

    /**
     * The JDBC URL of the embedded H2 database under a data directory. In-process only: no H2 server is started
     * (no {@code AUTO_SERVER}), so another process cannot open the files while a daemon holds them; the command
     * line reaches a running daemon through its command socket instead. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own
     * shutdown hook would close the database under the daemon's orderly shutdown (SIGTERM), failing the chores still
     * finishing ("Database is already closed", "Couldn't rollback") and the demo's summary; the pool closes it last.
     * {@code WRITE_DELAY=0}: every commit is written to the file before it returns (H2's default keeps up to 500 ms
     * of commits in memory, which a {@code kill -9} loses: a claim lost that way made the outbox send a message
     * twice).
     */
    public static String embeddedUrl(Path dataDir) {
        // async: H2's AsynchronousFileChannel file system: a Thread.interrupt() during a write (Quartz stopping, a
        // watcher stopped mid-commit) cannot close the file under the database, which with WRITE_DELAY=0 (writes in
        // the committing thread) otherwise broke the whole store ("Writing to FileChannel failed")
        return EMBEDDED_PREFIX + dataDir.toAbsolutePath().normalize().resolve(EMBEDDED_NAME)
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                // H2's own diagnostics go to SLF4J instead of a followup.trace.db file created with the umask
                + ";TRACE_LEVEL_FILE=4";
    }

    /** True when {@code url} names an embedded H2 file database (one process at a time). */
    public static boolean isEmbedded(String url) {
        return url == null || url.startsWith("jdbc:h2:file:") || url.startsWith(EMBEDDED_PREFIX);
    }

    /** Opens a database by URL; the password is handed to the pool only and never logged. */
    public static Database open(String url, String user, String password, int poolSize) {
        Dialect dialect = Dialect.of(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("followup-db");
        hikari.setConnectionTimeout(15_000);
        // an embedded file another process has locked will not come free by retrying: fail at once
        hikari.setInitializationFailTimeout(isEmbedded(url) ? 1 : 15_000);
        if (dialect == Dialect.MARIADB) {
            hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        String displayUrl = Dialect.redact(url);
        try {
            HikariDataSource dataSource = new HikariDataSource(hikari);
            log.info("database open: {}", displayUrl);
            return new Database(dataSource, dialect, displayUrl, true,
                    isEmbedded(url) && !url.toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE"));
        } catch (RuntimeException e) {
            if (isEmbedded(url) && hasErrorCode(e, H2_ALREADY_OPEN)) {
                throw new StoreException("the embedded database " + lockedFile(url) + " is locked by another "
                        + "process (is a followup daemon already running on this data_dir?); only one process at a "
                        + "time may open it: stop the other daemon, or give this one its own data_dir", e);
            }
            throw new StoreException("cannot open database " + displayUrl + ": " + rootMessage(e), e);
        }
    }

    private static String lockedFile(String url) {
        String path = url.substring(url.indexOf(':', "jdbc:h2:".length()) + 1);
        int options = path.indexOf(';');
        return (options < 0 ? path : path.substring(0, options)) + ".mv.db";
    }

    private static boolean hasErrorCode(Throwable throwable, int code) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        try {
            int applied = flyway().migrate().migrationsExecuted;
            if (applied > 0) {
                log.info("database migrated: {} migration(s) applied to {}", applied, displayUrl);
            }
            return applied;
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate database " + displayUrl + ": " + rootMessage(e), e);
        }
    }

    /** Flyway's view of every migration: version, description, state. */
    public MigrationInfo[] migrationStatus() {
        try {
            return flyway().info().all();
        } catch (FlywayException e) {
            throw new StoreException("cannot read migration status of " + displayUrl + ": " + rootMessage(e), e);
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocations())
                .table("flyway_schema_history")
                .loggers("slf4j")
                .load();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL without any password, for messages. */
    public String displayUrl() {
        return displayUrl;
    }

    /** True when the database answers. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (ownsPool) {
            dataSource.close();
            if (dataDirectory != null) {
                dataDirectory.restrictFiles(); // H2 may have rewritten its file when compacting on close
            }
        }
    }

    /**
     * Runs a bulk write ({@code enroll --csv}) with H2's write delay at its default of 500 ms instead of the 0 of
     * {@link #embeddedUrl}, then stores everything ({@code CHECKPOINT}) and sets it back to 0 before returning or
     * throwing. With a delay of 0 every commit stores all dirty pages, those of a long transaction's undo log
     * included, and so does each commit of the identity sequence inside a large {@code INSERT ... SELECT}: a
     * 2,000-row insert took 29 s instead of 3 (benchmarks, "Import, fifth pass"). A crash inside the window loses
     * at most the last 500 ms of commits, and H2 rolls back on reopening what was not committed, so an import stays
     * all or nothing; nothing it reports was left unstored. The setting is the database's, not the session's:
     * call this only where nothing else in the process writes meanwhile (the command line's own process, whose
     * daemon runs no chores; an embedded database is opened by one process at a time). On MariaDB, and on an H2
     * database other processes may reach (a server, {@code AUTO_SERVER}), it runs {@code work} alone. Thread-safe.
     */
    public <T> T withBulkWrites(Supplier<T> work) {
        if (!ownFile) {
            return work.get();
        }
        delayWrites();
        try {
            return work.get();
        } finally {
            jdbi.useHandle(handle -> {
                handle.execute("SET WRITE_DELAY 0");
                handle.execute("CHECKPOINT");
            });
        }
    }

    /**
     * Raises the write delay after opening every connection the pool may hand out: H2 applies the URL's {@code
     * WRITE_DELAY=0} again each time a connection opens, database-wide. A connection the pool opens later (one
     * retired after its idle timeout, 10 minutes, then needed again) sets it back to 0, which costs speed only.
     */
    private void delayWrites() {
        List<java.sql.Connection> open = new ArrayList<>();
        try {
            for (int count = 0; count < dataSource.getMaximumPoolSize(); count++) {
                open.add(dataSource.getConnection());
            }
            try (java.sql.Statement statement = open.get(0).createStatement()) {
                statement.execute("SET WRITE_DELAY " + BULK_WRITE_DELAY_MILLIS);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot set the write delay of " + displayUrl + ": " + rootMessage(e), e);
        } finally {
            for (java.sql.Connection connection : open) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // back to the pool; a broken one is the pool's to replace
                }
            }
        }
    }

    /** H2's default write delay, used by {@link #withBulkWrites}. */
    static final int BULK_WRITE_DELAY_MILLIS = 500;

    static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
