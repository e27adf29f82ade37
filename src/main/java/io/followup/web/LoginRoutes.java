package io.followup.web;

import io.followup.config.WebConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
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
        pages.renderPublic(context, "login.vm", "Log in", Map.of("error", "", "name", ""));
    }

    private void login(Context context) {
        String name = Optional.ofNullable(context.formParam("name")).orElse("").strip();
        char[] password = Optional.ofNullable(context.formParam("password")).orElse("").toCharArray();
        try {
            String hash = config.user(name).map(WebConfig.WebUser::passwordHash).orElse(null);
            if (name.isEmpty() || password.length == 0 || !passwords.matches(password, hash)) {
                log.warn("failed web login for user '{}' from {}", printable(name), context.ip());
                context.status(HttpStatus.UNAUTHORIZED);
                pages.renderPublic(context, "login.vm", "Log in",
                        Map.of("error", "Wrong name or password.", "name", name));
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
