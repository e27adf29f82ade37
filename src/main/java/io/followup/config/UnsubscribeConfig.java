package io.followup.config;

/**
 * Unsubscribe links. Immutable and thread-safe; {@link #toString()} never shows the secret.
 *
 * @param secret  the key that signs unsubscribe tokens; {@link Secret#NONE} when not configured (the daemon then
 *                generates one once and keeps it in the database)
 * @param baseUrl the public address of the daemon's HTTP endpoint, without a trailing slash; links are
 *                {@code baseUrl + "/u/" + token}
 * @param mailto  an address for {@code List-Unsubscribe: <mailto:...>} too, or null for the link alone
 * @param mode    what sequences that do not say {@code unsubscribe:} do (YAML {@code default}); never null
 */
public record UnsubscribeConfig(Secret secret, String baseUrl, String mailto, UnsubscribeMode mode) {

    public UnsubscribeConfig {
        mode = mode == null ? UnsubscribeMode.DEFAULT : mode;
    }

    /** Like the canonical constructor with the default mode ({@link UnsubscribeMode#DEFAULT}). */
    public UnsubscribeConfig(Secret secret, String baseUrl, String mailto) {
        this(secret, baseUrl, mailto, UnsubscribeMode.DEFAULT);
    }

    /** The defaults: a generated secret, {@code http://127.0.0.1:8080}, no mailto, {@link UnsubscribeMode#LINK}. */
    public static UnsubscribeConfig defaults() {
        return new UnsubscribeConfig(Secret.NONE, "http://127.0.0.1:8080", null);
    }
}
