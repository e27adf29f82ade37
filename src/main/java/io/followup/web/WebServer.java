package io.followup.web;

import io.followup.FollowupException;
import io.followup.config.WebConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoint (Javalin): the one-click unsubscribe ({@code /u/{token}}, public) and, when given a
 * {@link WebUi}, the web UI behind a login, with static assets under {@code /static}. Every request passes the
 * {@link SecurityFilter} first. Start and stop from one thread; requests are served concurrently.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final WebConfig config;
    private final Javalin app;

    /** The unsubscribe endpoint alone (every other path needs a login nobody can get). */
    public WebServer(WebConfig config, UnsubscribeHandler unsubscribe) {
        this(config, unsubscribe, null);
    }

    public WebServer(WebConfig config, UnsubscribeHandler unsubscribe, WebUi ui) {
        this.config = config;
        Sessions sessions = ui != null ? ui.sessions() : new Sessions(java.time.Clock.systemUTC(),
                config.sessionTimeout());
        SecurityFilter security = new SecurityFilter(sessions);
        this.app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web/static";
                files.location = Location.CLASSPATH;
            });
        });
        app.before(security::before)
                .get("/u/{token}", unsubscribe::confirm)
                .post("/u/{token}", unsubscribe::unsubscribe);
        if (ui != null) {
            ui.routes().forEach(table -> table.addTo(app));
            app.exception(FollowupException.class, (problem, context) -> answer(ui, context, problem));
            app.exception(Exception.class, (problem, context) -> fail(ui, context, problem));
        }
    }

    /** The user's mistakes get 4xx and the message; failures of followup or its services get a 500 with an id. */
    private static void answer(WebUi ui, Context context, FollowupException problem) {
        switch (problem.kind()) {
            case BAD_INPUT -> ui.error(context, HttpStatus.BAD_REQUEST, problem.getMessage());
            case NOT_FOUND -> ui.error(context, HttpStatus.NOT_FOUND, problem.getMessage());
            case CONFLICT -> ui.error(context, HttpStatus.CONFLICT, problem.getMessage());
            case FAILURE -> fail(ui, context, problem);
        }
    }

    /**
     * A 500 whose page shows only an id; the log line with that id has the method, the path and the exception
     * (followup's messages name no secret; the page does not show even those, nor a stack trace).
     */
    private static void fail(WebUi ui, Context context, Exception problem) {
        String id = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
        log.error("web request {} {} failed (error id {})", context.method(), context.path(), id, problem);
        ui.error(context, HttpStatus.INTERNAL_SERVER_ERROR, "Something failed on our side, not in what you did. "
                + "The log has the details under error id " + id + ".");
    }

    /** Adds the routes of {@code table} (call before {@link #start}); e.g. the public {@link HealthRoutes}. */
    public WebServer with(RouteTable table) {
        table.addTo(app);
        return this;
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

        @Override
        public Kind kind() {
            return Kind.FAILURE;
        }
    }
}
