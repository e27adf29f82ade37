package io.followup.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's logins, in memory: a random session id (the cookie) maps to the user and the session's CSRF token.
 * A session expires after {@code timeout} without a request; a restart logs everybody out. Thread-safe.
 */
public final class Sessions {

    /** One login. */
    public record Session(String id, String user, String csrfToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "Session[user=" + user + "]";
        }
    }

    private final Clock clock;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    public Sessions(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Starts a session for a user who just logged in. */
    public Session create(String user) {
        Instant now = clock.instant();
        byId.values().removeIf(session -> session.expiresAt().isBefore(now));
        Session session = new Session(token(), user, token(), now.plus(timeout));
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its expiry pushed back; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = byId.computeIfPresent(id, (key, session) -> session.expiresAt().isAfter(now)
                ? new Session(session.id(), session.user(), session.csrfToken(), now.plus(timeout)) : null);
        return Optional.ofNullable(found);
    }

    /** Ends a session (logout). */
    public void remove(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** How long a session lasts without a request. */
    public Duration timeout() {
        return timeout;
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
