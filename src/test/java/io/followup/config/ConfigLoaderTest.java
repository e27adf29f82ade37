package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.followup.sequence.ResponseRules;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigLoaderTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    @Test
    void theSampleConfigurationAndItsSequenceLoad() throws IOException {
        fixture.config(Files.readString(PROJECT.resolve("config/followup.yaml")))
                .write("config/sequences/met-at-event.yaml",
                        Files.readString(PROJECT.resolve("config/sequences/met-at-event.yaml")))
                .write("config/sequences/referral.yaml",
                        Files.readString(PROJECT.resolve("config/sequences/referral.yaml")))
                .templates("met-at-event/thank-you", "met-at-event/value-nudge", "met-at-event/light-hearted",
                        "keep-in-touch/check-in", "introductions/thank-you", "referral/introduction",
                        "referral/nudge");

        AppConfig config = fixture.load();
        java.util.List<SequenceDefinition> sequences = fixture.sequences();

        assertThat(config.source()).isEqualTo(fixture.base.resolve("config/followup.yaml"));
        assertThat(config.nodeId()).isEqualTo("host-a");
        assertThat(config.dataDir()).isEqualTo(fixture.base.resolve("data"));
        assertThat(config.templatesDir()).isEqualTo(fixture.base.resolve("templates"));
        assertThat(config.sequencesDir()).isEqualTo(fixture.base.resolve("config/sequences"));
        assertThat(config.database()).isNull();
        assertThat(config.owners()).containsExactly(
                new OwnerConfig("Ada Lovelace", "ada@example.com", ZoneId.of("Europe/London")));
        MailboxConfig main = config.mailbox("main");
        assertThat(main).isEqualTo(new MailboxConfig("main", "ada@example.com", "Ada Lovelace", "ada@example.com",
                ZoneId.of("Europe/London"),
                new SmtpConfig("smtp.example.com", 587, Security.STARTTLS, "ada@example.com",
                        Secret.of(ConfigFixture.SMTP_PASSWORD), Duration.ofSeconds(30), ""),
                new ImapConfig("imap.example.com", 993, Security.SSL, "ada@example.com",
                        Secret.of(ConfigFixture.IMAP_PASSWORD), java.util.List.of("INBOX"), true,
                        Duration.ofSeconds(60), Duration.ofSeconds(30), "", SentFolder.AUTO,
                        io.followup.config.JunkFolder.AUTO), CapsConfig.DEFAULTS));
        assertThat(config.scheduler()).isEqualTo(
                new SchedulerConfig("followup", false, Duration.ofSeconds(15), Duration.ofSeconds(5)));
        ResponseRules defaults = ResponseRules.DEFAULTS;
        assertThat(sequences.get(0)).isEqualTo(new SequenceDefinition("met-at-event",
                "Met someone at an event or meeting: thank them within 24 hours, then two polite nudges.", "main",
                java.util.List.of(
                        new StepDefinition(1, "met-at-event/thank-you", Wait.NONE, false),
                        new StepDefinition(2, "met-at-event/value-nudge", new Wait(3, Wait.Unit.BUSINESS_DAYS), false),
                        new StepDefinition(3, "met-at-event/light-hearted", new Wait(4, Wait.Unit.BUSINESS_DAYS),
                                false)),
                new Wait(5, Wait.Unit.BUSINESS_DAYS), 3, new io.followup.sequence.EscalationDefinition(
                        new io.followup.sequence.EscalationDefinition.Task(
                                io.followup.task.TaskKind.CALL, "Call $contact.first_name"),
                        null, io.followup.sequence.timing.Cadence.parse("quarterly")), false,
                io.followup.sequence.timing.SequenceTiming.DEFAULT,
                new ResponseRules(defaults.onReply(), defaults.onComplaint(),
                        defaults.onHardBounce(), 2, new Wait(1, Wait.Unit.DAYS), true, new Wait(7, Wait.Unit.DAYS),
                        "referral"), io.followup.config.UnsubscribeMode.NONE,
                new io.followup.sequence.FirstTouchPromise(java.time.Duration.ofHours(24),
                        java.time.Duration.ofHours(2))));
        assertThat(sequences).extracting(SequenceDefinition::unsubscribe)
                .as("the shipped relationship sequences send personal mail")
                .containsOnly(io.followup.config.UnsubscribeMode.NONE);
        assertThat(sequences).extracting(sequence -> sequence.firstTouch().within())
                .as("the shipped relationship sequences promise a first touch within 24 hours")
                .containsOnly(java.time.Duration.ofHours(24));
        assertThat(config.unsubscribe().mode()).isEqualTo(io.followup.config.UnsubscribeMode.LINK);
        assertThat(sequences).extracting(SequenceDefinition::name).containsExactly("met-at-event", "referral");
        assertThat(config.keepInTouch()).isEqualTo(new KeepInTouchConfig("keep-in-touch/check-in", true));
        assertThat(config.introductions()).isEqualTo(new IntroductionsConfig("introductions/thank-you", true));
    }

    @Test
    void everyShippedSequenceSendsPersonalMail() {
        java.util.List<SequenceDefinition> shipped = new io.followup.sequence.SequenceLoader(
                PROJECT.resolve("templates"), new java.util.LinkedHashSet<>(java.util.List.of("main")), PROJECT)
                .loadAll(PROJECT.resolve("config/sequences"));

        assertThat(shipped).isNotEmpty().allSatisfy(sequence -> assertThat(sequence.unsubscribe())
                .as(sequence.name()).isEqualTo(io.followup.config.UnsubscribeMode.NONE));
    }

    @Test
    void leftOutKeysTakeTheirDocumentedDefaults() {
        fixture.config("""
                owners:
                  - name: Ada Lovelace
                    email: ada@example.com
                  - name: Bob
                    email: bob@example.com
                    time_zone: America/New_York
                mailboxes:
                  - name: main
                    address: sales@example.com
                    smtp:
                      host: smtp.example.com
                      security: ssl
                    imap:
                      host: imap.example.com
                      security: starttls
                  - name: bob
                    address: bob@example.com
                    owner: BOB@example.com
                    smtp:
                      host: localhost
                      security: plain
                    imap:
                      host: localhost
                      security: plain
                      idle: false
                """);

        AppConfig config = fixture.load();

        assertThat(config.nodeId()).isEqualTo("test-host");
        assertThat(config.owners().get(0).timeZone()).isEqualTo(ZoneOffset.UTC);
        MailboxConfig main = config.mailbox("main");
        assertThat(main.displayName()).isEqualTo("Ada Lovelace");
        assertThat(main.owner()).isEqualTo("ada@example.com");
        assertThat(main.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(main.smtp()).isEqualTo(new SmtpConfig("smtp.example.com", 465, Security.SSL, null, Secret.NONE,
                Duration.ofSeconds(30), ""));
        assertThat(main.imap().port()).isEqualTo(143);
        assertThat(main.imap().idle()).isTrue();
        assertThat(main.imap().sentFolder()).as("copies go to the Sent folder unless said otherwise")
                .isEqualTo(SentFolder.AUTO);
        MailboxConfig bob = config.mailbox("bob");
        assertThat(bob.owner()).isEqualTo("bob@example.com");
        assertThat(bob.displayName()).isEqualTo("Bob");
        assertThat(bob.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(bob.smtp().port()).isEqualTo(25);
        assertThat(bob.imap().port()).isEqualTo(143);
        assertThat(bob.imap().idle()).isFalse();
        assertThat(config.scheduler()).isEqualTo(SchedulerConfig.defaults());
        assertThat(fixture.sequences()).isEmpty();
        assertThat(config.unsubscribe().mode()).as("no bulk headers unless asked for")
                .isEqualTo(io.followup.config.UnsubscribeMode.LINK);
    }

    @Test
    void aDatabaseSectionAndAClusteredSchedulerAreRead() {
        fixture.config("""
                node_id: node-2
                data_dir: /var/lib/followup
                templates_dir: ../shared-templates
                database:
                  url: jdbc:mariadb://127.0.0.1:3306/followup
                  user: followup
                  password: {env: FOLLOWUP_DB_PASSWORD}
                  pool_size: 4
                scheduler:
                  name: cluster-a
                  clustered: true
                  dispatch_interval: 500ms
                  outbox_interval: PT2M
                """ + VALID);

        AppConfig config = fixture.load();

        assertThat(config.nodeId()).isEqualTo("node-2");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/followup"));
        assertThat(config.templatesDir()).isEqualTo(fixture.base.getParent().resolve("shared-templates"));
        assertThat(config.database()).isEqualTo(new DatabaseConfig("jdbc:mariadb://127.0.0.1:3306/followup",
                "followup", Secret.of("db-Pa55word-value"), 4));
        assertThat(config.scheduler()).isEqualTo(
                new SchedulerConfig("cluster-a", true, Duration.ofMillis(500), Duration.ofMinutes(2)));
    }

    @Test
    void aSecretFileIsReadWithItsTrailingNewlineStripped() {
        fixture.config(VALID);

        assertThat(fixture.load().mailbox("main").imap().password().reveal()).isEqualTo(ConfigFixture.IMAP_PASSWORD);
    }

    @Test
    void aPlainStringSecretIsAccepted() {
        fixture.config(ConfigFixture.validWith("password: {env: FOLLOWUP_SMTP_PASSWORD}", "password: \"plain text\""));

        assertThat(fixture.load().mailbox("main").smtp().password().reveal()).isEqualTo("plain text");
    }

    @Test
    void askingForAnUnknownMailboxNamesTheConfiguredOnes() {
        fixture.config(VALID);
        AppConfig config = fixture.load();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.mailbox("other"))
                .isInstanceOf(ConfigException.class).hasMessage("unknown mailbox \"other\"; configured: main");
    }
}
