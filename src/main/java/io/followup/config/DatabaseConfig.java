package io.followup.config;

/**
 * The database connection: {@code url} starts with {@code jdbc:mariadb:} or {@code jdbc:h2:};
 * a null {@code url} means the embedded H2 database under the data directory. Immutable and
 * thread-safe; {@code toString()} masks the password.
 *
 * @param url      the JDBC URL, or null for the embedded database
 * @param user     the database user, or null
 * @param password the database password, {@link Secret#NONE} when absent
 * @param poolSize the connection pool size, 1..100
 */
public record DatabaseConfig(String url, String user, Secret password, int poolSize) {

    /** The pool size used when none is configured. */
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseConfig {
        password = password == null ? Secret.NONE : password;
    }

    /** Whether this is the embedded H2 database (no URL configured). */
    public boolean embedded() {
        return url == null;
    }
}
