package io.followup.testing;

import io.followup.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one test: embedded H2 in a temporary folder always, and MariaDB when the environment
 * variable {@code FOLLOWUP_TEST_MARIADB_URL} names a server (a new database is created on it and dropped after).
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
            return new TestDatabase(kind, Database.embeddedUrl(tempDir.resolve("data")), null, null);
        }
        Matcher matcher = MARIADB_URL.matcher(mariadbUrl());
        if (!matcher.matches()) {
            throw new IllegalStateException(MARIADB_URL_VARIABLE + " is not a jdbc:mariadb://host:port/db URL");
        }
        String params = matcher.group(3) == null ? "" : matcher.group(3);
        String name = "fu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String adminUrl = matcher.group(1) + "/" + matcher.group(2) + params;
        execute(adminUrl, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(kind, matcher.group(1) + "/" + name + params, adminUrl, name);
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

    @Override
    public void close() {
        if (databaseName != null) {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + databaseName);
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

    @Override
    public String toString() {
        return kind.name();
    }
}
