package io.followup.config;

/**
 * Where the daemon's HTTP endpoint (one-click unsubscribe; later the web UI) listens. Immutable and thread-safe.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one (tests)
 */
public record WebConfig(String host, int port) {

    /** The default: {@code 127.0.0.1:8080}. */
    public static WebConfig defaults() {
        return new WebConfig("127.0.0.1", 8080);
    }
}
