package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /health} and {@code /ready} answer without a login; {@code /ready} says what is unreachable. */
class HealthIT {

    @RegisterExtension
    final WebUiExtension web = new WebUiExtension();

    @Test
    void healthAnswersWithoutALogin() throws Exception {
        HttpResponse<String> response = web.client().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("up");
    }

    @Test
    void readyChecksTheDatabaseAndEveryMailboxServerWithoutALogin() throws Exception {
        HttpResponse<String> ready = web.client().get("/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = json(ready);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("database").asText()).isEqualTo("ok");
        assertThat(body.at("/mailboxes/main/smtp").asText()).isEqualTo("ok");
        assertThat(body.at("/mailboxes/main/imap").asText()).isEqualTo("ok");

        web.fixture().mail.greenMail().stop();
        HttpResponse<String> notReady = web.client().get("/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).at("/mailboxes/main/smtp").asText()).startsWith("unreachable: 127.0.0.1:");
        assertThat(notReady.body()).doesNotContain("owner-secret-pw");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }
}
