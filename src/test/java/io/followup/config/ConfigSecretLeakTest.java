package io.followup.config;

import static io.followup.config.ConfigFixture.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Secrets must never appear in {@code toString()} of the records or in error messages. */
class ConfigSecretLeakTest {

    private static final String PLAIN = "plain-Pa55word-value";

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    @Test
    void noRecordShowsASecretInToString() {
        fixture.config("database:\n  url: jdbc:h2:mem:x\n  password: " + PLAIN + "\n" + ConfigFixture.VALID);

        AppConfig config = fixture.load();

        assertThat(config.database().password().reveal()).isEqualTo(PLAIN);
        assertThat(config.toString()).doesNotContain(PLAIN, ConfigFixture.SMTP_PASSWORD, ConfigFixture.IMAP_PASSWORD)
                .contains("******");
        assertThat(config.mailbox("main").smtp().toString()).doesNotContain(ConfigFixture.SMTP_PASSWORD);
        assertThat(config.database().toString()).doesNotContain(PLAIN);
    }

    @Test
    void anErrorAfterAPlainSecretDoesNotShowTheSecret() {
        String config = validWith("password: {env: FOLLOWUP_SMTP_PASSWORD}", "password: " + PLAIN);
        fixture.config(config.replace("port: 587", "port: 99999"));

        assertErrorHidesSecrets();
    }

    @Test
    void aSyntaxErrorOnTheSecretLineDoesNotShowTheSecret() {
        fixture.config(validWith("password: {env: FOLLOWUP_SMTP_PASSWORD}", "password: " + PLAIN + ": x"));

        assertErrorHidesSecrets();
    }

    @Test
    void aSecretOfTheWrongTypeIsNotShown() {
        fixture.config(validWith("password: {env: FOLLOWUP_SMTP_PASSWORD}", "password: [" + PLAIN + "]"));

        assertErrorHidesSecrets();
    }

    @Test
    void aSecretUnderAnUnknownKeyIsNotShown() {
        fixture.config(validWith("password: {env: FOLLOWUP_SMTP_PASSWORD}", "password: {value: " + PLAIN + "}"));

        assertErrorHidesSecrets();
    }

    @Test
    void aDatabaseUrlWithAPasswordIsRejectedWithoutShowingIt() {
        fixture.config("database:\n  url: jdbc:mariadb://db/followup?password=" + PLAIN + "\n" + ConfigFixture.VALID);

        assertErrorHidesSecrets();
    }

    @Test
    void anErrorAfterEnvironmentAndFileSecretsDoesNotShowThem() {
        fixture.config(ConfigFixture.VALID + "scheduler:\n  outbox_interval: never\n");

        assertErrorHidesSecrets();
    }

    private void assertErrorHidesSecrets() {
        ConfigException error = catchThrowableOfType(ConfigException.class, fixture::load);
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).startsWith("config/followup.yaml:")
                .doesNotContain(PLAIN, ConfigFixture.SMTP_PASSWORD, ConfigFixture.IMAP_PASSWORD)
                .doesNotContain("\n");
    }
}
