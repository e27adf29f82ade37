package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real HTTP against a started {@link WebUiFixture}: no redirects followed, a 10-second limit per request, the login
 * form's CSRF dance done as a browser does it. Not thread-safe; one per test.
 */
final class WebClient {

    /** The hidden CSRF field of every form. */
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;

    WebClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET without a session. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET in the session {@code cookie}. */
    HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET());
    }

    /** A form POST in the session {@code cookie}, {@code form} sent as it is (no CSRF token added). */
    HttpResponse<String> post(String path, String cookie, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Fetches the login form and posts it for {@link WebUiFixture#USER} with {@code password}. */
    HttpResponse<String> login(String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login");
        String loginCookie = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("followup_login_csrf=")).findFirst().orElseThrow()
                .split(";", 2)[0];
        return post("/login", loginCookie, "_csrf=" + token(form.body()) + "&name=" + WebUiFixture.USER
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    /** The session cookie ({@code name=value}) a successful login set. */
    static String session(HttpResponse<String> login) {
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** The CSRF token of the session {@code cookie}, read from the queue page's forms. */
    String csrf(String cookie) throws IOException, InterruptedException {
        return token(get("/queue", cookie).body());
    }

    private static String token(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF field on the page").isTrue();
        return matcher.group(1);
    }
}
