package io.followup.testing;

import io.followup.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fresh database for one test: embedded H2 in a temporary folder always, and MariaDB when the environment variable
 * {@code FOLLOWUP_TEST_MARIADB_URL} names a server (a new database is created on it and dropped after). The database
 * has every migration applied already, exactly as a fresh one that a daemon migrated: the migrations run once per
 * test JVM into a template (an H2 file, a MariaDB database) that each new database copies (a file copy; the template's
 * {@code SHOW CREATE TABLE} statements and its Flyway history). Migrating from scratch took about a second on H2 and
 * several on MariaDB, for every test. Opening the copy still has Flyway validate it against the migrations.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String MARIADB_URL_VARIABLE = "FOLLOWUP_TEST_MARIADB_URL";
    private static final Pattern MARIADB_URL = Pattern.compile("(jdbc:mariadb://[^/?]+)/?([^?]*)(\\?.*)?");

    /** The kinds of database under test. */
    public enum Kind { H2, MARIADB }

    private final Kind kind;
    private final String url;
    private final String adminUrl;
    private final String databaseName;

    private TestDatabase(Kind kind, String url, String adminUrl, String databaseName) {
        this.kind = kind;
        this.url = url;
        this.adminUrl = adminUrl;
        this.databaseName = databaseName;
    }

    /** For {@code @MethodSource(TestDatabase.KINDS)}: a parameterized test run on each of {@link #kinds()}. */
    public static final String KINDS = "io.followup.testing.TestDatabase#kinds";

    /** H2 always; MariaDB too when the environment names a server. */
    public static Stream<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.H2));
        if (mariadbUrl() != null) {
            kinds.add(Kind.MARIADB);
        } else {
            System.out.println("[followup tests] " + MARIADB_URL_VARIABLE + " is not set: MariaDB cases skipped");
        }
        return kinds.stream();
    }

    private static String mariadbUrl() {
        String value = System.getenv(MARIADB_URL_VARIABLE);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static TestDatabase create(Kind kind, Path tempDir) {
        if (kind == Kind.H2) {
            Path dataDir = tempDir.resolve("data");
            H2Template.copyTo(dataDir);
            return new TestDatabase(kind, Database.embeddedUrl(dataDir), null, null);
        }
        Matcher matcher = MARIADB_URL.matcher(mariadbUrl());
        if (!matcher.matches()) {
            throw new IllegalStateException(MARIADB_URL_VARIABLE + " is not a jdbc:mariadb://host:port/db URL");
        }
        String server = matcher.group(1);
        String params = matcher.group(3) == null ? "" : matcher.group(3);
        String adminUrl = server + "/" + matcher.group(2) + params;
        String name = Spare.take(server, params, adminUrl);
        return new TestDatabase(kind, server + "/" + name + params, adminUrl, name);
    }

    /** Makes a new MariaDB database, a copy of this JVM's template; returns its name. */
    private static String copyOfTemplate(String server, String params, String adminUrl) {
        String name = "fu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = server + "/" + name + params;
        execute(adminUrl, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            MariaDbTemplate.of(server, params, adminUrl).copyTo(url);
        } catch (IllegalStateException e) {
            // the template gone (something on a shared server dropped it): make it again, once
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
            execute(adminUrl, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            MariaDbTemplate.forget();
            MariaDbTemplate.of(server, params, adminUrl).copyTo(url);
        }
        return name;
    }

    /**
     * The next MariaDB database, copied from the template in the background while the test before it runs: the
     * copy (forty {@code CREATE TABLE}s, each a DDL statement the server writes through) took 0.7-2.6 s for each
     * test, mostly waiting on the disk. A spare nobody took is dropped when the JVM exits.
     */
    private static final class Spare {

        private static ExecutorService executor;
        private static Future<String> next;
        private static String nextAdminUrl;

        static synchronized String take(String server, String params, String adminUrl) {
            String name = null;
            if (next != null) { // made for the same server: the URL comes from the environment
                try {
                    name = next.get();
                } catch (ExecutionException e) {
                    System.err.println("[followup tests] the spare test database failed, making one now: "
                            + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a test database", e);
                }
            }
            if (name == null) {
                name = copyOfTemplate(server, params, adminUrl);
            }
            next = executor().submit(() -> copyOfTemplate(server, params, adminUrl));
            nextAdminUrl = adminUrl;
            return name;
        }

        private static ExecutorService executor() {
            if (executor == null) {
                executor = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "spare-test-database");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return executor;
        }

        /** Drops the spare nobody took (waiting for it to be made); called at exit, before the template goes. */
        static void dropUnused() {
            Future<String> unused;
            String adminUrl;
            synchronized (Spare.class) {
                unused = next;
                adminUrl = nextAdminUrl;
                next = null;
            }
            if (unused == null) {
                return;
            }
            try {
                execute(adminUrl, "DROP DATABASE IF EXISTS " + unused.get(1, TimeUnit.MINUTES));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                System.err.println("[followup tests] the spare test database was not dropped: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /** A new connection pool to this database (call again to simulate a restart). */
    public Database open() {
        return Database.open(url, kind == Kind.H2 ? "sa" : null, kind == Kind.H2 ? "" : null, 5);
    }

    public String url() {
        return url;
    }

    /**
     * Drops a MariaDB database in the background (the test goes on; dropping forty tables takes the server up to a
     * second or two); the JVM waits for the drops before it exits.
     */
    @Override
    public void close() {
        if (databaseName != null) {
            Drops.drop(adminUrl, databaseName);
        }
    }

    /** The MariaDB databases being dropped in the background, one at a time. */
    private static final class Drops {

        private static ExecutorService executor;

        static synchronized void drop(String adminUrl, String name) {
            executor().execute(() -> {
                try {
                    execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
                } catch (RuntimeException e) {
                    System.err.println("[followup tests] " + e.getMessage());
                }
            });
        }

        private static ExecutorService executor() {
            if (executor == null) {
                ExecutorService created = Executors.newSingleThreadExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "drop-test-databases");
                            thread.setDaemon(true);
                            return thread;
                        });
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    created.shutdown();
                    try {
                        if (!created.awaitTermination(2, TimeUnit.MINUTES)) {
                            System.err.println("[followup tests] test databases still being dropped at exit");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "await-test-database-drops"));
                executor = created;
            }
            return executor;
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + url + ": " + e.getMessage(), e);
        }
    }

    /** The migrated H2 file of this JVM, made on first use; each new H2 database starts as a copy of it. */
    private static final class H2Template {

        private static Path file;

        static synchronized void copyTo(Path dataDir) {
            try {
                Path target = dataDir.resolve(FILE_NAME);
                if (Files.exists(target)) {
                    return; // a second TestDatabase in the same folder: the same database, as before
                }
                if (file == null) {
                    Path dir = Files.createTempDirectory("followup-h2-template");
                    try (Database database = Database.open(Database.embeddedUrl(dir), "sa", "", 2)) {
                        database.migrate();
                    }
                    file = dir.resolve(FILE_NAME);
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalStateException("no " + FILE_NAME + " in " + dir + " after migrating");
                    }
                    dir.toFile().deleteOnExit(); // deleted in reverse order: the file, then its folder
                    file.toFile().deleteOnExit();
                }
                Files.createDirectories(dataDir);
                Files.copy(file, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the migrated H2 template into " + dataDir, e);
            }
        }

        /** The file H2 keeps the embedded database in ({@link Database#embeddedUrl}: followup, MVStore). */
        private static final String FILE_NAME = "followup.mv.db";
    }

    /**
     * The migrated MariaDB database of this JVM, made on first use and dropped when the JVM exits; a new database
     * gets its tables from the template's {@code SHOW CREATE TABLE} (indexes, foreign keys, options) and its
     * non-empty tables' rows (the Flyway history).
     */
    private static final class MariaDbTemplate {

        private static MariaDbTemplate instance;

        private final String name;
        private final List<String> createTables;
        private final List<String> tablesWithRows;

        private MariaDbTemplate(String name, List<String> createTables, List<String> tablesWithRows) {
            this.name = name;
            this.createTables = createTables;
            this.tablesWithRows = tablesWithRows;
        }

        static synchronized void forget() {
            instance = null;
        }

        static synchronized MariaDbTemplate of(String server, String params, String adminUrl) {
            if (instance != null) {
                return instance;
            }
            String name = "fu_tpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute(adminUrl, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Spare.dropUnused();
                try {
                    execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
                } catch (RuntimeException e) {
                    System.err.println("[followup tests] " + e.getMessage());
                }
            }, "drop-" + name));
            String url = server + "/" + name + params;
            try (Database database = Database.open(url, null, null, 2)) {
                database.migrate();
            }
            List<String> creates = new ArrayList<>();
            List<String> withRows = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.routines "
                        + "WHERE routine_schema = '" + name + "'")) {
                    if (rows.next() && rows.getInt(1) > 0) {
                        throw new IllegalStateException("the migrations created routines: copy them in TestDatabase");
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
                        rows.next();
                        creates.add(rows.getString(2));
                    }
                    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            withRows.add(table);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the template database " + name + ": " + e.getMessage(), e);
            }
            instance = new MariaDbTemplate(name, List.copyOf(creates), List.copyOf(withRows));
            return instance;
        }

        void copyTo(String url) {
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute("SET foreign_key_checks = 0");
                for (String create : createTables) {
                    statement.execute(create);
                }
                for (String table : tablesWithRows) {
                    statement.execute("INSERT INTO `" + table + "` SELECT * FROM `" + name + "`.`" + table + "`");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot copy the template database " + name + " into " + url + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
