package io.followup.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password or other credential. Its {@link #toString()} never shows the value, so records
 * holding a secret can be logged; only {@link #reveal()} returns it, at the point of use
 * (the SMTP/IMAP login, the database connection). Immutable and thread-safe.
 */
public final class Secret {

    /** No secret: {@link #isPresent()} is false and {@link #reveal()} returns an empty string. */
    public static final Secret NONE = new Secret("");

    private static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding {@code value}; an empty value is {@link #NONE}. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? NONE : new Secret(value);
    }

    /** The secret value itself; never log or print it. Empty for {@link #NONE}. */
    public String reveal() {
        return value;
    }

    /** Whether a secret was configured. */
    public boolean isPresent() {
        return !value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code "******"} when present, {@code "(none)"} otherwise; never the value. */
    @Override
    public String toString() {
        return isPresent() ? MASK : "(none)";
    }
}
