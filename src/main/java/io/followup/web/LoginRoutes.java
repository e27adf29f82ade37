package io.followup.web;

import io.followup.config.WebConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.ForbiddenResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * the name and the client address, never the password. Guessing is slowed by a {@link LoginThrottle} (429 with
 * {@code Retry-After}, before any bcrypt work), at most {@value #CONCURRENT_CHECKS} password checks run at once, a
 * password bcrypt cannot take (over {@value Passwords#MAX_BYTES} bytes) is a 400, and the login form's CSRF token
 * is an HMAC of its cookie under a server key, so a pair made up by someone else is refused. Thread-safe.
 */
final class LoginRoutes implements RouteTable {

    static final String LOGIN_CSRF_COOKIE = "followup_login_csrf";
    static final int CONCURRENT_CHECKS = 2;
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);

    private final WebConfig config;
    private final Sessions sessions;
    private final Passwords passwords;
    private final Pages pages;
    private final LoginThrottle throttle;
    private final byte[] csrfKey;
    private final Clock clock;
    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS);

    /**
     * @param csrfKey the server key login CSRF tokens are signed with
     * @param clock   wall-clock time for the throttle and token lifetimes
     */
    LoginRoutes(WebConfig config, Sessions sessions, Passwords passwords, Pages pages, byte[] csrfKey, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.passwords = passwords;
        this.pages = pages;
        this.throttle = new LoginThrottle(clock);
        this.csrfKey = csrfKey.clone();
        this.clock = clock;
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
     * A fresh token for the login form: a random nonce with its time of issue goes in a cookie, the form carries
     * the nonce's HMAC under the server key. A login POST must carry both, matching, and not older than an hour, so
     * another site can neither log a browser in to this one nor plant a pair of its own making.
     */
    private String loginToken(Context context) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "."
                + clock.instant().getEpochSecond();
        context.res().addHeader("Set-Cookie", LOGIN_CSRF_COOKIE + "=" + nonce + "; Path=/login; HttpOnly; "
                + "SameSite=Strict; Max-Age=" + TOKEN_LIFETIME.toSeconds() + (config.secureCookies() ? "; Secure" : ""));
        return mac(nonce);
    }

    private boolean validLoginToken(Context context) {
        String nonce = context.cookie(LOGIN_CSRF_COOKIE);
        String given = context.formParam(SecurityFilter.CSRF_FIELD);
        if (nonce == null || given == null) {
            return false;
        }
        int dot = nonce.lastIndexOf('.');
        long issued;
        try {
            issued = Long.parseLong(nonce.substring(dot + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - issued;
        return dot > 0 && age >= -60 && age <= TOKEN_LIFETIME.toSeconds() && MessageDigest.isEqual(
                mac(nonce).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String nonce) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
            byte[] tag = hmac.doFinal(("login-csrf\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private void login(Context context) throws InterruptedException {
        if (!validLoginToken(context)) {
            throw new ForbiddenResponse("missing or invalid CSRF token: reload the login page and try again");
        }
        String name = Optional.ofNullable(context.formParam("name")).orElse("").strip();
        String address = context.ip();
        Optional<Duration> wait = throttle.retryAfter(name, address);
        if (wait.isPresent()) {
            refuse(context, name, HttpStatus.TOO_MANY_REQUESTS, wait.get(), "Too many failed logins.");
            return;
        }
        char[] password = Optional.ofNullable(context.formParam("password")).orElse("").toCharArray();
        try {
            if (Passwords.tooLong(password)) {
                refuse(context, name, HttpStatus.BAD_REQUEST, null,
                        "Passwords longer than " + Passwords.MAX_BYTES + " bytes are not supported.");
                return;
            }
            if (!checks.tryAcquire(5, TimeUnit.SECONDS)) {
                refuse(context, name, HttpStatus.TOO_MANY_REQUESTS, Duration.ofSeconds(1), "The server is busy.");
                return;
            }
            boolean matches;
            try {
                String hash = config.user(name).map(WebConfig.WebUser::passwordHash).orElse(null);
                matches = !name.isEmpty() && password.length > 0 && passwords.matches(password, hash);
            } finally {
                checks.release();
            }
            if (!matches) {
                throttle.failed(name, address);
                log.warn("failed web login for user '{}' from {}", printable(name), address);
                refuse(context, name, HttpStatus.UNAUTHORIZED, null, "Wrong name or password.");
                return;
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        throttle.succeeded(name, address);
        Sessions.Session session = sessions.create(name);
        context.res().addHeader("Set-Cookie", SecurityFilter.SESSION_COOKIE + "=" + session.id()
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + sessions.timeout().toSeconds()
                + (config.secureCookies() ? "; Secure" : ""));
        log.info("web login: {} from {}", name, context.ip());
        context.redirect("/queue", HttpStatus.SEE_OTHER);
    }

    private void refuse(Context context, String name, HttpStatus status, Duration retryAfter, String error) {
        context.status(status);
        String message = error;
        if (retryAfter != null) {
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            context.header("Retry-After", String.valueOf(seconds));
            message = error + " Try again in " + seconds + " second" + (seconds == 1 ? "" : "s") + ".";
        }
        pages.renderPublic(context, "login.vm", "Log in",
                Map.of("error", message, "name", name, "csrf", loginToken(context)));
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
