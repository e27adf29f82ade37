package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web UI's users, session timeout and base URL in the {@code web} section. */
class WebUsersConfigTest {

    private static final String HASH = "$2a$04$abcdefghijklmnopqrstuuVrZ1s7s2xk7Jd8n9v2f0Q3l5m6n7o8p";

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    @Test
    void usersSessionTimeoutAndBaseUrlAreRead() {
        WebConfig web = fixture.loadValidWith("""
                web:
                  listen: "127.0.0.1:8080"
                  users:
                    - {name: ada, password_hash: "%s"}
                  session_timeout: 2h
                  base_url: https://followup.example.com/
                """.formatted(HASH)).web();

        assertThat(web.users()).containsExactly(new WebConfig.WebUser("ada", HASH));
        assertThat(web.sessionTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(web.publicUrl(8080)).isEqualTo("https://followup.example.com");
        assertThat(web.secureCookies()).isTrue();
        assertThat(web.toString()).doesNotContain(HASH);
    }

    @Test
    void withoutThemNobodyCanLogInAndTheUrlFollowsTheListenAddress() {
        WebConfig web = fixture.loadValidWith("").web();

        assertThat(web.users()).isEmpty();
        assertThat(web.sessionTimeout()).isEqualTo(Duration.ofHours(8));
        assertThat(web.publicUrl(8080)).isEqualTo("http://127.0.0.1:8080");
        assertThat(web.secureCookies()).isFalse();
    }

    @Test
    void aPasswordInsteadOfAHashIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> fixture.loadValidWith("""
                web:
                  users:
                    - {name: ada, password_hash: "hunter2-my-password"}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a bcrypt hash")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aUserListedTwiceIsRefused() {
        assertThatThrownBy(() -> fixture.loadValidWith("""
                web:
                  users:
                    - {name: ada, password_hash: "%s"}
                    - {name: ada, password_hash: "%s"}
                """.formatted(HASH, HASH))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the user ada is listed twice");
    }
}
