package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The web UI's protections, over real HTTP against a started daemon. */
class WebSecurityIT {

    @RegisterExtension
    final WebUiExtension web = new WebUiExtension();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /queue", "GET, /contacts/1", "GET, /no/such/page", "GET, /", "HEAD, /enrollments",
            "GET, /digest/0/html"})
    void anUnauthenticatedReadIsRedirectedToTheLoginPage(String method, String path) throws Exception {
        HttpResponse<String> response = web.client().send(HttpRequest.newBuilder(web.client().uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST, /drafts/1/approve", "POST, /drafts/approve", "PUT, /queue", "DELETE, /contacts/1",
            "PATCH, /no/such/page", "POST, /logout"})
    void anUnauthenticatedChangeGets401(String method, String path) throws Exception {
        HttpResponse<String> response = web.client().send(HttpRequest.newBuilder(web.client().uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("id=1")));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/login", "/queue", "/static/app.css", "/u/not-a-token", "/nothing"}) {
            HttpResponse<String> response = web.client().get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
                            .contains("frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
        }
    }

    @Test
    void theLoginPageTheStaticAssetsAndTheUnsubscribeEndpointArePublic() throws Exception {
        assertThat(web.client().get("/login").statusCode()).isEqualTo(200);
        assertThat(web.client().get("/static/app.css").statusCode()).isEqualTo(200);
        assertThat(web.client().get("/static/app.js").statusCode()).isEqualTo(200);
        assertThat(web.client().get("/u/not-a-token").statusCode()).isEqualTo(400);
    }

    @Test
    void aLoginSetsAnHttpOnlySameSiteSessionCookie() throws Exception {
        HttpResponse<String> response = web.client().login(WebUiFixture.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(303);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(SecurityFilter.SESSION_COOKIE + "=").contains("HttpOnly")
                .contains("SameSite=Strict").doesNotContain("Secure");
        HttpResponse<String> queue = web.client().get("/queue", WebClient.session(response));
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("Approval queue");
    }

    @Test
    void aFailedLoginIsRefusedAndLoggedWithoutThePassword() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(LoginRoutes.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            HttpResponse<String> response = web.client().login("wrong-password-xyz");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("Set-Cookie")).as("no session for a failed login")
                    .noneMatch(value -> value.startsWith("followup_session="));
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("failed web login").contains(WebUiFixture.USER))
                    .noneSatisfy(line -> assertThat(line).contains("wrong-password-xyz"));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aPostWithoutAValidCsrfTokenGets403AndChangesNothing() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("alice@example.org", "Alice Adams", 1);
        String cookie = WebClient.session(web.client().login(WebUiFixture.PASSWORD));

        HttpResponse<String> missing = web.client().post("/drafts/" + draft.id() + "/approve", cookie, "");
        HttpResponse<String> wrong = web.client().post("/drafts/" + draft.id() + "/approve", cookie, "_csrf=forged");
        HttpResponse<String> bulk = web.client().post("/drafts/approve", cookie, "id=" + draft.id());

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(bulk.statusCode()).isEqualTo(403);
        assertThat(web.fixture().message(draft.id()).state()).isEqualTo(OutboundState.PENDING_APPROVAL);

        HttpResponse<String> valid = web.client().post("/drafts/" + draft.id() + "/approve", cookie,
                "_csrf=" + web.client().csrf(cookie));
        assertThat(valid.statusCode()).isEqualTo(303);
        assertThat(web.fixture().message(draft.id()).state()).isNotEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(web.fixture().daemon.drafts().decisions(draft.id())).singleElement()
                .satisfies(decision -> assertThat(decision.decidedBy()).isEqualTo(WebUiFixture.USER));
    }

    @Test
    void userDataContainingScriptIsShownEscaped() throws Exception {
        OutboundMessage draft = web.fixture().draftFor("mallory@example.org", "<script>alert('x')</script>", 1);
        String cookie = WebClient.session(web.client().login(WebUiFixture.PASSWORD));

        for (String path : new String[] {"/contacts", "/contacts?q=mallory", "/drafts/" + draft.id(), "/queue"}) {
            HttpResponse<String> page = web.client().get(path, cookie);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContain("<script>alert").doesNotContain("<script>");
        }
        HttpResponse<String> contacts = web.client().get("/contacts", cookie);
        assertThat(contacts.body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        HttpResponse<String> shown = web.client().get("/drafts/" + draft.id(), cookie);
        assertThat(shown.body()).contains("&lt;script&gt;");
    }

    @Test
    void repeatedWrongPasswordsGet429WithRetryAfterAndNoMoreBcryptWork() throws Exception {
        for (int attempt = 1; attempt < LoginThrottle.PAIR_LIMIT; attempt++) {
            assertThat(web.client().login("wrong-password-" + attempt).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> reachingTheLimit = web.client().login("wrong-password-last");
        assertThat(reachingTheLimit.statusCode()).isEqualTo(401);

        HttpResponse<String> throttled = web.client().login(WebUiFixture.PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
        assertThat(throttled.body()).contains("Too many failed logins");
        assertThat(throttled.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("followup_session="));
    }

    @Test
    void guessesFromAnotherAddressDoNotLockTheRealUserOut() throws Exception {
        for (int attempt = 1; attempt <= LoginThrottle.PAIR_LIMIT; attempt++) {
            assertThat(status(loginFrom("127.0.0.2", "wrong-password-" + attempt))).isEqualTo(401);
        }
        String throttled = loginFrom("127.0.0.2", WebUiFixture.PASSWORD);
        assertThat(status(throttled)).as("the guessing address is throttled, even with the right password")
                .isEqualTo(429);
        assertThat(throttled).contains("Retry-After:");

        String realUser = loginFrom("127.0.0.1", WebUiFixture.PASSWORD);

        assertThat(status(realUser)).as("the real user's own address is not locked").isEqualTo(303);
        assertThat(realUser).contains("Set-Cookie: followup_session=");
        assertThat(web.client().login(WebUiFixture.PASSWORD).statusCode()).isEqualTo(303);
    }

    /**
     * A login from {@code localAddress} (another loopback address, so the server sees another client): the raw
     * HTTP/1.1 response, status line and headers first. The JDK 17 HTTP client cannot choose its local address.
     */
    private String loginFrom(String localAddress, String password) throws IOException {
        String form = rawHttp(localAddress, "GET /login HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Matcher cookie = Pattern.compile("Set-Cookie: (followup_login_csrf=[^;\r\n]+)").matcher(form);
        Matcher token = WebClient.CSRF.matcher(form);
        assertThat(cookie.find() && token.find()).as("the login form's cookie and token").isTrue();
        String body = "_csrf=" + token.group(1) + "&name=" + WebUiFixture.USER + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return rawHttp(localAddress, "POST /login HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: "
                + cookie.group(1) + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
    }

    private String rawHttp(String localAddress, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", web.fixture().daemon.webPort()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPasswordLongerThan72BytesIsA400NotA500() throws Exception {
        HttpResponse<String> response = web.client().login("é".repeat(37));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("longer than 72 bytes");
    }

    @Test
    void aLoginCsrfPairMadeUpByAnAttackerIsForbidden() throws Exception {
        String nonce = "attacker-chosen." + java.time.Instant.now().getEpochSecond();
        for (String field : new String[] {nonce, "forged-mac"}) {
            HttpResponse<String> response = web.client().post("/login", "followup_login_csrf=" + nonce, "_csrf="
                    + field + "&name=" + WebUiFixture.USER + "&password="
                    + URLEncoder.encode(WebUiFixture.PASSWORD, StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(field).isEqualTo(403);
            assertThat(response.headers().allValues("Set-Cookie")).noneMatch(v -> v.startsWith("followup_session="));
        }
    }

    @Test
    void aLoginPostWithoutTheLoginFormsTokenIsForbidden() throws Exception {
        HttpResponse<String> response = web.client().send(HttpRequest.newBuilder(web.client().uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + WebUiFixture.USER + "&password="
                        + URLEncoder.encode(WebUiFixture.PASSWORD, StandardCharsets.UTF_8))));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("followup_session="));
    }
}
