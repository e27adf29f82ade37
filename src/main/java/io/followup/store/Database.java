package io.followup.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.followup.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.SQLException;
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

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String displayUrl;

    private Database(HikariDataSource dataSource, Dialect dialect, String displayUrl) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.displayUrl = displayUrl;
        this.jdbi = Jdbi.create(dataSource);
        InstantMapping.install(jdbi);
    }

    /** Opens the configured database, or the embedded one under {@code dataDir} when {@code config} is null. */
    public static Database open(DatabaseConfig config, Path dataDir) {
        if (config == null || config.url() == null) {
            return open(embeddedUrl(dataDir), "sa", "", 5);
        }
        return open(config.url(), config.user(), config.password().isPresent() ? config.password().reveal() : null,
                config.poolSize() <= 0 ? 10 : config.poolSize());
    }

    /**
     * The JDBC URL of the embedded H2 database under a data directory. {@code WRITE_DELAY=0}: every commit is
     * written to the file before it returns (H2's default keeps up to 500 ms of commits in memory, which a
     * {@code kill -9} loses: a claim lost that way made the outbox send a message twice).
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("followup")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
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
        hikari.setInitializationFailTimeout(15_000);
        if (dialect == Dialect.MARIADB) {
            hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        String displayUrl = Dialect.redact(url);
        try {
            HikariDataSource dataSource = new HikariDataSource(hikari);
            log.info("database open: {}", displayUrl);
            return new Database(dataSource, dialect, displayUrl);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database " + displayUrl + ": " + rootMessage(e), e);
        }
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
        dataSource.close();
    }

    static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
