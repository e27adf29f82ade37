package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static io.followup.config.ConfigFixture.validWith;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderErrorsTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    private void assertFails(String config, String message) {
        fixture.config(config);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    /** Secrets are read when first used: loading succeeds, resolving them (as {@code run} does) fails. */
    private void assertSecretFails(String config, String message) {
        fixture.config(config);
        AppConfig loaded = fixture.load();
        assertThatThrownBy(loaded::resolveSecrets).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    /** A valid configuration with one line replaced by a wrong one, and the one-line error it gives. */
    static Stream<Arguments> wrongLines() {
        return Stream.of(
                arguments("aYamlSyntaxErrorNamesFileAndLineInOneLine",
                        "host: imap.example.com", "host: imap.example.com: 993",
                        "config/followup.yaml:16: invalid YAML in mailboxes[0].imap:"
                                + " mapping values are not allowed here"),
                arguments("aBooleanThatIsNotTrueOrFalseIsAWrongType",
                        "poll_interval: 60s", "idle: sometimes",
                        "config/followup.yaml:19: mailboxes[0].imap.idle: expected true or false, got \"sometimes\""),
                arguments("aMappingWhereAValueBelongsIsAWrongType",
                        "host: smtp.example.com", "host: {name: smtp.example.com}",
                        "config/followup.yaml:9: mailboxes[0].smtp.host: expected a host name, got a mapping"),
                arguments("aPortOutOfRangeNamesFileLineAndKey",
                        "port: 587", "port: 99999",
                        "config/followup.yaml:10: mailboxes[0].smtp.port:"
                                + " expected a port number 1-65535, got \"99999\""),
                arguments("aPortThatIsNotANumberIsAnError",
                        "port: 587", "port: smtp",
                        "config/followup.yaml:10: mailboxes[0].smtp.port:"
                                + " expected a port number 1-65535, got \"smtp\""),
                arguments("anUnknownSecurityValueListsTheChoices",
                        "security: ssl", "security: tls",
                        "config/followup.yaml:17: mailboxes[0].imap.security:"
                                + " expected plain, starttls or ssl, got \"tls\""),
                arguments("anUnknownTimeZoneIsAnError",
                        "time_zone: Europe/London", "time_zone: Europe/Londres",
                        "config/followup.yaml:4: owners[0].time_zone: expected an IANA time zone such as Europe/London"
                                + " or UTC, got \"Europe/Londres\""),
                arguments("anInvalidEmailAddressIsAnError",
                        "address: ada@example.com", "address: ada at example.com",
                        "config/followup.yaml:7: mailboxes[0].address: expected an email address such as"
                                + " ada@example.com, got \"ada at example.com\""),
                arguments("anEmailWithADisplayNameIsNotABareAddress",
                        "email: ada@example.com", "email: Ada <ada@example.com>",
                        "config/followup.yaml:3: owners[0].email: expected an email address such as"
                                + " ada@example.com, got \"Ada <ada@example.com>\""),
                arguments("aMailboxOwnerThatIsNotAnOwnerIsAnError",
                        "address: ada@example.com", "address: ada@example.com\n    owner: bob@example.com",
                        "config/followup.yaml:8: mailboxes[0].owner: expected one of the owners' emails"
                                + " (ada@example.com), got \"bob@example.com\""),
                arguments("aDuplicateKeyIsAnError",
                        "timeout: 30s", "timeout: 30s\n      port: 25",
                        "config/followup.yaml:15: mailboxes[0].smtp.port: duplicate key (first given on line 10)"),
                arguments("aSecretWithBothEnvAndFileIsAnError",
                        "password: {file: secrets/imap-password}", "password: {file: secrets/imap-password, env: X}",
                        "config/followup.yaml:18: mailboxes[0].imap.password: expected exactly one of env or file"),
                arguments("aBadDurationIsAnError",
                        "timeout: 30s", "timeout: 30 seconds",
                        "config/followup.yaml:14: mailboxes[0].smtp.timeout: expected a positive duration such as"
                                + " 500ms, 30s, 5m, 2h, 1d, 2w, 1y or PT30S, got \"30 seconds\""),
                arguments("aZeroDurationIsAnError",
                        "poll_interval: 60s", "poll_interval: PT0S",
                        "config/followup.yaml:19: mailboxes[0].imap.poll_interval: expected a positive duration such as"
                                + " 500ms, 30s, 5m, 2h, 1d, 2w, 1y or PT30S, got \"PT0S\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongLines")
    void aWrongLineIsOneErrorNamingFileLineAndKey(String name, String line, String wrong, String message) {
        assertFails(validWith(line, wrong), message);
    }

    @Test
    void anUnknownKeyNamesItsLineAndTheKnownKeys() {
        assertFails(validWith("timeout: 30s", "timout: 30s"),
                "config/followup.yaml:14: mailboxes[0].smtp.timout: unknown key; expected one of host, port,"
                        + " security, username, password, timeout, trust");
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() {
        assertFails("node: a\n" + VALID, "config/followup.yaml:1: node: unknown key; expected one of node_id,"
                + " data_dir, templates_dir, sequences_dir, database, owners, mailboxes, scheduler, web, unsubscribe,"
                + " keep_in_touch, introductions, approval, calendars, intents, digest, metrics, retention");
    }

    @Test
    void aValueOfTheWrongTypeNamesWhatWasExpected() {
        assertFails(VALID.replace("owners:\n  - name: Ada Lovelace\n    email: ada@example.com\n"
                        + "    time_zone: Europe/London\n", "owners: ada@example.com\n\n\n\n"),
                "config/followup.yaml:1: owners: expected a list of owners (name, email, time_zone),"
                        + " got \"ada@example.com\"");
    }

    @Test
    void aDuplicateMailboxNameNamesTheFirstUse() {
        String second = VALID.substring(VALID.indexOf("  - name: main"));
        assertFails(VALID + second,
                "config/followup.yaml:20: mailboxes[1].name: duplicate mailbox name \"main\""
                        + " (already used by mailboxes[0])");
    }

    @Test
    void aMissingEnvironmentVariableNamesTheVariableNotAValue() {
        Map<String, String> environment = new HashMap<>(ConfigFixture.ENVIRONMENT);
        environment.remove("FOLLOWUP_SMTP_PASSWORD");
        fixture.config(VALID);
        AppConfig loaded = fixture.load(environment);
        assertThatThrownBy(loaded::resolveSecrets).isInstanceOf(ConfigException.class)
                .hasMessage("config/followup.yaml:13: mailboxes[0].smtp.password: environment variable"
                        + " FOLLOWUP_SMTP_PASSWORD is not set or empty");
    }

    @Test
    void anEmptyEnvironmentVariableIsMissing() {
        Map<String, String> environment = new HashMap<>(ConfigFixture.ENVIRONMENT);
        environment.put("FOLLOWUP_SMTP_PASSWORD", "");
        fixture.config(VALID);
        AppConfig loaded = fixture.load(environment);
        assertThatThrownBy(loaded::resolveSecrets).isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable FOLLOWUP_SMTP_PASSWORD is not set or empty");
    }

    @Test
    void anUnreadableSecretFileNamesTheKeyAndThePath() {
        assertSecretFails(validWith("password: {file: secrets/imap-password}", "password: {file: secrets/missing}"),
                "config/followup.yaml:18: mailboxes[0].imap.password: cannot read secret file "
                        + fixture.base.resolve("secrets/missing") + ": no such file");
    }

    @Test
    void aMissingRequiredKeyIsReportedOnItsParentLine() {
        assertFails(validWith("host: smtp.example.com", "# no host"),
                "config/followup.yaml:8: mailboxes[0].smtp.host: missing; expected the SMTP server host name");
    }

    @Test
    void noOwnersAtAllIsAnError() {
        assertFails("owners: []\n" + VALID.substring(VALID.indexOf("mailboxes:")),
                "config/followup.yaml:1: owners: expected at least one owner");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> new ConfigLoader(fixture.base, ConfigFixture.ENVIRONMENT).load(Path.of("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessage("nope.yaml: file not found");
    }

    @Test
    void anEmptyFileIsAClearError() {
        assertFails("# only a comment\n", "config/followup.yaml: the file is empty; expected a YAML mapping");
    }

    @Test
    void aFileThatIsNotAMappingIsAClearError() {
        assertFails("- owners\n- mailboxes\n",
                "config/followup.yaml:1: expected a mapping of settings (owners, mailboxes...), got a list");
    }

    @Test
    void aDatabaseUrlOfAnotherKindIsRejectedWithoutShowingIt() {
        assertFails("database:\n  url: jdbc:postgresql://db/followup\n" + VALID,
                "config/followup.yaml:2: database.url: expected a JDBC URL starting with jdbc:mariadb: or"
                        + " jdbc:h2:, got another value");
    }

    @Test
    void aPoolSizeOutOfRangeIsAnError() {
        assertFails("database:\n  url: jdbc:h2:mem:x\n  pool_size: 0\n" + VALID,
                "config/followup.yaml:3: database.pool_size: expected a pool size 1-100, got \"0\"");
    }

    @Test
    void aClusteredSchedulerNeedsMariaDb() {
        assertFails(VALID + "scheduler:\n  clustered: true\n",
                "config/followup.yaml:21: scheduler.clustered: a clustered scheduler needs a shared MariaDB"
                        + " database (database.url jdbc:mariadb:...)");
    }

    @Test
    void aMissingSequencesDirectoryNamesTheKey() {
        assertFails("sequences_dir: elsewhere\n" + VALID,
                "config/followup.yaml:1: sequences_dir: directory not found: " + fixture.base.resolve("elsewhere"));
    }

    @Test
    void aYamlOneOneBooleanSpellingIsRejectedRatherThanGuessed() {
        assertFails(VALID + "scheduler:\n  clustered: yes\n",
                "config/followup.yaml:21: scheduler.clustered: expected true or false, got \"yes\"");
    }

    @Test
    void aTabUsedForIndentationIsOneLineSyntaxError() {
        assertFails(VALID.replace("    email: ada", "\temail: ada"),
                "config/followup.yaml:3: invalid YAML in owners[0]: found character '\\t(TAB)' that cannot start"
                        + " any token. (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void aSequenceErrorNamesTheSequenceFileRelativeToTheBaseDirectory() {
        fixture.templates("met-at-event/thank-you")
                .write("config/sequences/met-at-event.yaml", """
                        name: met-at-event
                        mailbox: other
                        steps:
                          - template: met-at-event/thank-you
                            wait: 0
                        """);
        assertFails(VALID, "config/sequences/met-at-event.yaml:2: mailbox: expected one of the configured"
                + " mailboxes (main), got \"other\"");
    }

    @Test
    void aSecretFileThatIsADirectoryIsUnreadable() {
        assertSecretFails(validWith("password: {file: secrets/imap-password}", "password: {file: secrets}"),
                "config/followup.yaml:18: mailboxes[0].imap.password: cannot read secret file "
                        + fixture.base.resolve("secrets") + ": it is a directory");
    }

    @Test
    void aSecondYamlDocumentIsAnError() {
        assertFails(VALID + "---\nnode_id: b\n",
                "config/followup.yaml:21: expected one YAML document, found more than one");
    }
}
