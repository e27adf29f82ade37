package io.followup.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes for the web UI's users. Thread-safe. */
public final class Passwords {

    /** The bcrypt cost: 2^12 rounds, about a quarter of a second on a small machine. */
    public static final int COST = 12;

    private final int cost;
    private final String dummy;

    public Passwords() {
        this(COST);
    }

    /** With another cost (tests use the minimum, 4). */
    public Passwords(int cost) {
        this.cost = cost;
        this.dummy = hash("no such user".toCharArray());
    }

    /** A new {@code $2a$} hash of the password. */
    public String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(cost, password);
    }

    /** Whether the password matches the hash; a null hash (unknown user) costs as much and fails. */
    public boolean matches(char[] password, String hash) {
        String checked = hash == null ? dummy : hash;
        boolean verified = BCrypt.verifyer().verify(password, checked.getBytes(StandardCharsets.UTF_8)).verified;
        return hash != null && verified;
    }
}
