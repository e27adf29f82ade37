package io.followup.web;

import io.followup.FollowupException;
import io.followup.config.WebConfig;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoint (Javalin). Its route table, for now: the one-click unsubscribe. Start and stop from
 * one thread; requests are served concurrently.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final WebConfig config;
    private final Javalin app;

    public WebServer(WebConfig config, UnsubscribeHandler unsubscribe) {
        this.config = config;
        this.app = Javalin.create(javalin -> javalin.showJavalinBanner = false)
                .get("/u/{token}", unsubscribe::confirm)
                .post("/u/{token}", unsubscribe::unsubscribe);
    }

    /**
     * Binds the configured address and starts serving.
     *
     * @throws WebException when the address cannot be bound
     */
    public void start() {
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            app.stop();
            throw new WebException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        log.info("web endpoint listening on {}:{}", config.host(), port());
    }

    /** The bound port (the chosen one when the configured port is 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The web endpoint failed to start. */
    public static final class WebException extends FollowupException {

        public WebException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
