package io.followup.store;

import java.util.Locale;

/** The SQL databases followup runs on, and the few places where they differ. */
public enum Dialect {
    H2("h2"),
    MARIADB("mariadb");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The dialect of a JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new StoreException("unsupported database URL (expected jdbc:h2: or jdbc:mariadb:): " + redact(jdbcUrl));
    }

    /** Flyway locations: the shared migrations and this database's own (Quartz's tables differ). */
    public String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + migrationFolder};
    }

    /** A JDBC URL with any password parameter removed, for messages. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=******");
    }
}
