package io.followup.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes for the web UI's users. Thread-safe. */
public final class Passwords {

    /** The bcrypt cost: 2^12 rounds, about a quarter of a second on a small machine. */
    public static final int COST = 12;
    /** bcrypt reads at most this many bytes of a password (UTF-8); longer ones are refused, not cut. */
    public static final int MAX_BYTES = 72;
    /**
     * The hash an unknown user's password is checked against (so that a login costs the same whether the user
     * exists or not), per cost: made once per JVM, not once per daemon (a cost-12 hash takes a quarter of a second,
     * and the tests start hundreds of daemons).
     */
    private static final java.util.Map<Integer, String> DUMMIES = new java.util.concurrent.ConcurrentHashMap<>();

    private final int cost;
    private final String dummy;

    public Passwords() {
        this(COST);
    }

    /** With another cost (tests use the minimum, 4). */
    public Passwords(int cost) {
        this.cost = cost;
        this.dummy = DUMMIES.computeIfAbsent(cost, rounds -> BCrypt.withDefaults().hashToString(rounds,
                "no such user".toCharArray()));
    }

    /** Whether the password is longer than bcrypt can take ({@value #MAX_BYTES} bytes in UTF-8). */
    public static boolean tooLong(char[] password) {
        return StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)).remaining() > MAX_BYTES;
    }

    /**
     * A new {@code $2a$} hash of the password.
     *
     * @throws IllegalArgumentException when the password is longer than {@value #MAX_BYTES} bytes
     */
    public String hash(char[] password) {
        if (tooLong(password)) {
            throw new IllegalArgumentException("a password may be at most " + MAX_BYTES + " bytes long (UTF-8)");
        }
        return BCrypt.withDefaults().hashToString(cost, password);
    }

    /** Whether the password matches the hash; a null hash (unknown user) costs as much and fails. */
    public boolean matches(char[] password, String hash) {
        if (tooLong(password)) {
            return false;
        }
        String checked = hash == null ? dummy : hash;
        boolean verified = BCrypt.verifyer().verify(password, checked.getBytes(StandardCharsets.UTF_8)).verified;
        return hash != null && verified;
    }
}
