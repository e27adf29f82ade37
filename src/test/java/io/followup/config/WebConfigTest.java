package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code web} and {@code unsubscribe} sections (appended after line 19 of the valid file). */
class WebConfigTest {

    private static final String UNSUBSCRIBE_SECRET = "unsubscribe-Secret-value-0123456789";

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    private AppConfig load(String sections) {
        fixture.config(VALID + sections);
        Map<String, String> environment = new HashMap<>(ConfigFixture.ENVIRONMENT);
        environment.put("FOLLOWUP_UNSUBSCRIBE_SECRET", UNSUBSCRIBE_SECRET);
        return fixture.load(environment);
    }

    private void assertFails(String sections, String message) {
        assertThatThrownBy(() -> load(sections)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void withoutTheSectionsTheDefaultsApply() {
        AppConfig config = load("");

        assertThat(config.web()).isEqualTo(new WebConfig("127.0.0.1", 8080));
        assertThat(config.unsubscribe().secret().isPresent()).isFalse();
        assertThat(config.unsubscribe().baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.unsubscribe().mailto()).isNull();
        assertThat(config.unsubscribe().mode()).isEqualTo(UnsubscribeMode.LINK);
    }

    @Test
    void theSectionsAreRead() {
        AppConfig config = load("""
                web:
                  listen: "0.0.0.0:0"
                unsubscribe:
                  secret: {env: FOLLOWUP_UNSUBSCRIBE_SECRET}
                  base_url: https://followup.example.com/
                  mailto: unsubscribe@example.com
                  default: header
                """);

        assertThat(config.web()).isEqualTo(new WebConfig("0.0.0.0", 0));
        assertThat(config.unsubscribe().secret().reveal()).isEqualTo(UNSUBSCRIBE_SECRET);
        assertThat(config.unsubscribe().baseUrl()).isEqualTo("https://followup.example.com");
        assertThat(config.unsubscribe().mailto()).isEqualTo("unsubscribe@example.com");
        assertThat(config.unsubscribe().mode()).isEqualTo(UnsubscribeMode.HEADER);
        assertThat(config.toString()).doesNotContain(UNSUBSCRIBE_SECRET);
    }

    @Test
    void aListenAddressWithoutAPortNamesFileLineAndKey() {
        assertFails("web:\n  listen: localhost\n", "config/followup.yaml:21: web.listen: expected HOST:PORT such as "
                + "127.0.0.1:8080 (port 0 = any free port), got \"localhost\"");
    }

    @Test
    void aPortOutOfRangeIsAnError() {
        assertFails("web:\n  listen: \"127.0.0.1:70000\"\n", "config/followup.yaml:21: web.listen: expected "
                + "HOST:PORT such as 127.0.0.1:8080 (port 0 = any free port), got \"127.0.0.1:70000\"");
    }

    @Test
    void anUnknownWebKeyIsAnError() {
        assertFails("web:\n  port: 8080\n",
                "config/followup.yaml:21: web.port: unknown key; expected one of listen, users, session_timeout, base_url");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsAnError() {
        assertFails("unsubscribe:\n  base_url: ftp://example.com\n", "config/followup.yaml:21: unsubscribe.base_url:"
                + " expected an http:// or https:// URL such as https://followup.example.com, got \"ftp://example.com\"");
    }

    @Test
    void aShortSecretIsRefusedWithoutShowingIt() {
        assertFails("unsubscribe:\n  secret: short-secret\n",
                "config/followup.yaml:21: unsubscribe.secret: the secret must be at least 16 characters long");
    }

    @Test
    void aSecretFromAnUnsetVariableNamesTheVariableWhenItIsRead() {
        AppConfig loaded = load("unsubscribe:\n  secret: {env: FOLLOWUP_NOT_SET}\n");
        assertThatThrownBy(loaded::resolveSecrets).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:21: unsubscribe.secret: environment variable FOLLOWUP_NOT_SET is not set or"
                        + " empty");
    }

    @Test
    void aMailtoThatIsNotAnAddressIsAnError() {
        assertFails("unsubscribe:\n  mailto: nobody\n", "config/followup.yaml:21: unsubscribe.mailto: expected an "
                + "email address such as ada@example.com, got \"nobody\"");
    }

    @Test
    void anUnknownUnsubscribeDefaultNamesTheChoices() {
        assertFails("unsubscribe:\n  default: bulk\n", "config/followup.yaml:21: unsubscribe.default: expected "
                + "header, link or none, got \"bulk\"");
    }
}
