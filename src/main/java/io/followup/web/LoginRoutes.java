package io.followup.web;

import io.followup.config.WebConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.ForbiddenResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out: {@code GET /login} shows the form, {@code POST /login} checks the name and password against
 * the configured bcrypt hashes and sets the session cookie ({@code HttpOnly}, {@code SameSite=Strict},
 * {@code Secure} when the base URL is https), {@code POST /logout} ends the session. A failed login is logged with
 * the name and the client address, never the password. Thread-safe.
 */
final class LoginRoutes implements RouteTable {

    static final String LOGIN_CSRF_COOKIE = "followup_login_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);

    private final WebConfig config;
    private final Sessions sessions;
    private final Passwords passwords;
    private final Pages pages;

    LoginRoutes(WebConfig config, Sessions sessions, Passwords passwords, Pages pages) {
        this.config = config;
        this.sessions = sessions;
        this.passwords = passwords;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/", context -> context.redirect("/queue"));
        app.get("/login", this::form);
        app.post("/login", this::login);
        app.post("/logout", this::logout);
    }

    private void form(Context context) {
        pages.renderPublic(context, "login.vm", "Log in",
                Map.of("error", "", "name", "", "csrf", loginToken(context)));
    }

    /**
     * A fresh token for the login form, also set as a cookie (double submit): a login POST must carry both, so
     * another site cannot log a browser in to this one.
     */
    private String loginToken(Context context) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        context.res().addHeader("Set-Cookie", LOGIN_CSRF_COOKIE + "=" + token
                + "; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600" + (config.secureCookies() ? "; Secure" : ""));
        return token;
    }

    private static boolean validLoginToken(Context context) {
        String cookie = context.cookie(LOGIN_CSRF_COOKIE);
        String given = context.formParam(SecurityFilter.CSRF_FIELD);
        return cookie != null && given != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private void login(Context context) {
        if (!validLoginToken(context)) {
            throw new ForbiddenResponse("missing or invalid CSRF token: reload the login page and try again");
        }
        String name = Optional.ofNullable(context.formParam("name")).orElse("").strip();
        char[] password = Optional.ofNullable(context.formParam("password")).orElse("").toCharArray();
        try {
            String hash = config.user(name).map(WebConfig.WebUser::passwordHash).orElse(null);
            if (name.isEmpty() || password.length == 0 || !passwords.matches(password, hash)) {
                log.warn("failed web login for user '{}' from {}", printable(name), context.ip());
                context.status(HttpStatus.UNAUTHORIZED);
                pages.renderPublic(context, "login.vm", "Log in",
                        Map.of("error", "Wrong name or password.", "name", name, "csrf", loginToken(context)));
                return;
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        Sessions.Session session = sessions.create(name);
        context.res().addHeader("Set-Cookie", SecurityFilter.SESSION_COOKIE + "=" + session.id()
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + sessions.timeout().toSeconds()
                + (config.secureCookies() ? "; Secure" : ""));
        log.info("web login: {} from {}", name, context.ip());
        context.redirect("/queue", HttpStatus.SEE_OTHER);
    }

    private void logout(Context context) {
        sessions.remove(context.cookie(SecurityFilter.SESSION_COOKIE));
        context.res().addHeader("Set-Cookie", SecurityFilter.SESSION_COOKIE
                + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (config.secureCookies() ? "; Secure" : ""));
        context.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\p{Alnum}._@-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
