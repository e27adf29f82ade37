package io.followup.config;

/**
 * Who may read {@code /metrics}: a scraper that sends {@code Authorization: Bearer TOKEN}. Without a token the
 * endpoint is off (it answers 404 and says how to turn it on). Immutable and thread-safe.
 *
 * @param token the bearer token (YAML {@code metrics.token}, e.g. {@code {env: FOLLOWUP_METRICS_TOKEN}}), or
 *              {@link Secret#NONE}
 */
public record MetricsConfig(Secret token) {

    /** No token: {@code /metrics} is off. */
    public static final MetricsConfig OFF = new MetricsConfig(Secret.NONE);

    public MetricsConfig {
        token = token == null ? Secret.NONE : token;
    }

    /** Whether a token is configured. */
    public boolean enabled() {
        return token.isPresent();
    }
}
