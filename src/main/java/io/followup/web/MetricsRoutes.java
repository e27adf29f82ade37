package io.followup.web;

import io.followup.config.MetricsConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: Prometheus text for a scraper that sends {@code Authorization: Bearer TOKEN} (the configured
 * {@code metrics.token}); 401 without it or with another one; 404 when no token is configured. Needs no web login.
 * Thread-safe.
 */
public final class MetricsRoutes implements RouteTable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsConfig config;
    private final Supplier<String> scrape;

    /** @param scrape returns the metrics in the Prometheus text format */
    public MetricsRoutes(MetricsConfig config, Supplier<String> scrape) {
        this.config = config;
        this.scrape = scrape;
    }

    static boolean isMetricsPath(String path) {
        return path.equals("/metrics");
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/metrics", this::metrics);
    }

    private void metrics(Context context) {
        context.header("Cache-Control", "no-store");
        if (!config.enabled()) {
            context.status(HttpStatus.NOT_FOUND).result("metrics are off: set metrics.token in the configuration\n");
            return;
        }
        if (!authorized(context.header("Authorization"))) {
            context.header("WWW-Authenticate", "Bearer realm=\"followup metrics\"");
            context.status(HttpStatus.UNAUTHORIZED).result("a bearer token is needed\n");
            return;
        }
        context.contentType(CONTENT_TYPE).result(scrape.get());
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, config.token().reveal().getBytes(StandardCharsets.UTF_8));
    }
}
