package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} and {@code /ready} answer without a login; {@code /ready} says what is unreachable. */
class HealthIT {

    @TempDir
    Path base;

    private WebUiFixture fixture;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() {
        fixture = new WebUiFixture(base).start();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void healthAnswersWithoutALogin() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("up");
    }

    @Test
    void readyChecksTheDatabaseAndEveryMailboxServerWithoutALogin() throws Exception {
        HttpResponse<String> ready = get("/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = json(ready);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("database").asText()).isEqualTo("ok");
        assertThat(body.at("/mailboxes/main/smtp").asText()).isEqualTo("ok");
        assertThat(body.at("/mailboxes/main/imap").asText()).isEqualTo("ok");

        fixture.mail.greenMail().stop();
        HttpResponse<String> notReady = get("/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).at("/mailboxes/main/smtp").asText()).startsWith("unreachable: 127.0.0.1:");
        assertThat(notReady.body()).doesNotContain("owner-secret-pw");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }
}
