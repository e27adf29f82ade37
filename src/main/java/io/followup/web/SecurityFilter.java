package io.followup.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every request: sets the security headers (CSP, frame protection, no sniffing, referrer policy) on
 * every response; lets the public paths through (the login page, the unsubscribe endpoint, static assets);
 * otherwise requires a session: a GET or HEAD without one is redirected to the login page, any other method gets
 * 401. A state-changing request (any method but GET, HEAD, OPTIONS) must carry the session's CSRF token (form
 * field {@code _csrf} or header {@code X-CSRF-Token}), else 403. Thread-safe.
 */
final class SecurityFilter {

    static final String SESSION_COOKIE = "followup_session";
    static final String CSRF_FIELD = "_csrf";
    static final String SESSION_ATTRIBUTE = "followup.session";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Sessions sessions;

    SecurityFilter(Sessions sessions) {
        this.sessions = sessions;
    }

    void before(Context context) {
        context.header("Content-Security-Policy",
                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
        context.header("X-Frame-Options", "DENY");
        context.header("X-Content-Type-Options", "nosniff");
        context.header("Referrer-Policy", "same-origin");
        String path = context.path();
        if (isPublic(path)) {
            return;
        }
        Optional<Sessions.Session> session = sessions.find(context.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            context.header("Cache-Control", "no-store");
            if (context.method() == HandlerType.GET || context.method() == HandlerType.HEAD) {
                context.redirect("/login");
                context.skipRemainingHandlers();
                return;
            }
            throw new UnauthorizedResponse("log in first");
        }
        if (!SAFE.contains(context.method()) && !validToken(context, session.get())) {
            throw new ForbiddenResponse("missing or invalid CSRF token: reload the page and try again");
        }
        context.attribute(SESSION_ATTRIBUTE, session.get());
    }

    static boolean isPublic(String path) {
        return path.equals("/login") || path.startsWith("/u/") || path.startsWith("/static/")
                || path.equals("/favicon.ico") || HealthRoutes.isHealthPath(path)
                || MetricsRoutes.isMetricsPath(path);
    }

    private static boolean validToken(Context context, Sessions.Session session) {
        String given = context.header("X-CSRF-Token");
        if (given == null) {
            given = context.formParam(CSRF_FIELD);
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** The session of an authenticated request (set by {@link #before}). */
    static Sessions.Session session(Context context) {
        Sessions.Session session = context.attribute(SESSION_ATTRIBUTE);
        if (session == null) {
            throw new UnauthorizedResponse("log in first");
        }
        return session;
    }
}
