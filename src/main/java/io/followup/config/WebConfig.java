package io.followup.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the daemon's HTTP endpoint (one-click unsubscribe and the web UI) listens, who may log in to the web UI,
 * and how long a login lasts. Immutable and thread-safe.
 *
 * @param host           the address to bind, e.g. {@code 127.0.0.1}
 * @param port           the TCP port; 0 picks a free one (tests)
 * @param users          the web UI's users with their bcrypt password hashes (none: nobody can log in)
 * @param sessionTimeout how long a login lasts without activity (default 8h)
 * @param baseUrl        the UI's public URL without a trailing slash (links in notices), or null for
 *                       {@code http://HOST:PORT}
 */
public record WebConfig(String host, int port, List<WebUser> users, Duration sessionTimeout, String baseUrl) {

    /** The session timeout when none is configured. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofHours(8);

    public WebConfig {
        users = users == null ? List.of() : List.copyOf(users);
        sessionTimeout = sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout;
    }

    /** Listening only: no users, the default session timeout, the base URL derived from the address. */
    public WebConfig(String host, int port) {
        this(host, port, List.of(), null, null);
    }

    /** The default: {@code 127.0.0.1:8080}. */
    public static WebConfig defaults() {
        return new WebConfig("127.0.0.1", 8080);
    }

    /** This configuration with other users (the demo adds its own). */
    public WebConfig withUsers(List<WebUser> newUsers) {
        return new WebConfig(host, port, newUsers, sessionTimeout, baseUrl);
    }

    /** This configuration on another address. */
    public WebConfig withListen(String newHost, int newPort) {
        return new WebConfig(newHost, newPort, users, sessionTimeout, baseUrl);
    }

    /** The configured base URL, or {@code http://HOST:PORT} for the given (bound) port. */
    public String publicUrl(int boundPort) {
        if (baseUrl != null) {
            return baseUrl;
        }
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + boundPort;
    }

    /** Whether cookies must be {@code Secure}: the base URL is https. */
    public boolean secureCookies() {
        return baseUrl != null && baseUrl.startsWith("https:");
    }

    /** The user with this name, if configured. */
    public Optional<WebUser> user(String name) {
        return users.stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /**
     * One web UI user.
     *
     * @param name         the login name
     * @param passwordHash the bcrypt hash ({@code $2a$...}); never the password
     */
    public record WebUser(String name, String passwordHash) {

        @Override
        public String toString() {
            return "WebUser[name=" + name + "]";
        }
    }
}
