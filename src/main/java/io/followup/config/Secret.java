package io.followup.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A password or other credential. Its {@link #toString()} never shows the value, so records
 * holding a secret can be logged; only {@link #reveal()} returns it, at the point of use
 * (the SMTP/IMAP login, the database connection). A secret read from the environment or a file
 * is resolved lazily, on the first {@link #reveal()}: a command that opens no connection needs no
 * secret set. Immutable (the resolved value is cached) and thread-safe.
 */
public final class Secret {

    /** No secret: {@link #isPresent()} is false and {@link #reveal()} returns an empty string. */
    public static final Secret NONE = new Secret("", null);

    private static final String MASK = "******";

    private final Supplier<String> resolver;
    private volatile String value;

    private Secret(String value, Supplier<String> resolver) {
        this.value = value;
        this.resolver = resolver;
    }

    /** A secret holding {@code value}; an empty value is {@link #NONE}. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? NONE : new Secret(value, null);
    }

    /**
     * A configured secret whose value is read when first revealed ({@code {env: NAME}}, {@code {file: PATH}}).
     *
     * @param resolver returns the non-empty value or throws a {@link ConfigException} naming the key and the
     *                 variable or file (never a value); called at most once successfully
     */
    public static Secret lazy(Supplier<String> resolver) {
        return new Secret(null, Objects.requireNonNull(resolver, "resolver"));
    }

    /**
     * The secret value itself; never log or print it. Empty for {@link #NONE}.
     *
     * @throws ConfigException when a lazily read secret cannot be resolved (unset variable, unreadable file)
     */
    public String reveal() {
        String current = value;
        if (current == null) {
            current = resolver.get();
            value = current;
        }
        return current;
    }

    /** Whether a secret was configured (a lazily read one counts even before it is resolved). */
    public boolean isPresent() {
        return resolver != null || !value.isEmpty();
    }

    /** Secrets are equal when their values are; a secret that cannot be resolved equals only itself. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Secret secret)) {
            return false;
        }
        try {
            return MessageDigest.isEqual(reveal().getBytes(StandardCharsets.UTF_8),
                    secret.reveal().getBytes(StandardCharsets.UTF_8));
        } catch (ConfigException unresolved) {
            return false;
        }
    }

    /** Depends only on presence, so that hashing never resolves nor hints at the value. */
    @Override
    public int hashCode() {
        return isPresent() ? 1 : 0;
    }

    /** {@code "******"} when present, {@code "(none)"} otherwise; never the value. */
    @Override
    public String toString() {
        return isPresent() ? MASK : "(none)";
    }
}
