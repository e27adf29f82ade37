package io.followup.testing;

import io.followup.config.AppConfig;
import io.followup.config.DatabaseConfig;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.OwnerConfig;
import io.followup.config.SchedulerConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SentFolder;
import io.followup.config.SmtpConfig;
import io.followup.config.UnsubscribeMode;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Test data builders: a configuration pointing at {@link TestMail}, and the three-step test sequence "intro" (which
 * the configuration's templates serve; the daemon is opened with both, as {@code SequenceLoader} would load them).
 */
public final class TestConfigs {

    public static final String SEQUENCE = "intro";

    private TestConfigs() {
    }

    /** The three-step test sequence "intro" (steps 2 and 3 two days apart, three days of grace, no timing rules). */
    public static SequenceDefinition introSequence() {
        return new SequenceDefinition(SEQUENCE, "test sequence", "main", List.of(
                new StepDefinition(1, "intro/first", Wait.NONE, false),
                new StepDefinition(2, "intro/second", new Wait(2, Wait.Unit.DAYS), false),
                new StepDefinition(3, "intro/third", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS));
    }

    /** The sequences of a test daemon: {@link #introSequence()}. */
    public static List<SequenceDefinition> intro() {
        return List.of(introSequence());
    }

    /** {@link #intro()} with the unsubscribe choice {@code mode} (null: the global default). */
    public static List<SequenceDefinition> intro(UnsubscribeMode mode) {
        return List.of(introSequence().withUnsubscribe(mode));
    }

    /** Writes the "intro" templates under {@code base/templates} and returns a config using them. */
    public static AppConfig aConfig(Path base, TestMail mail, TestDatabase database) {
        return aConfig(base, new SmtpConfig("127.0.0.1", mail.smtpPort(), Security.PLAIN, TestMail.OWNER,
                        Secret.of(TestMail.OWNER_PASSWORD), Duration.ofSeconds(10), ""),
                mail.imapPort(), TestMail.OWNER_PASSWORD, database);
    }

    /**
     * Like {@link #aConfig(Path, TestMail, TestDatabase)} for another mail system: the mailbox {@link TestMail#OWNER}
     * sends through {@code smtp} and is watched over plain IMAP on {@code imapPort} with {@code imapPassword}.
     */
    public static AppConfig aConfig(Path base, SmtpConfig smtp, int imapPort, String imapPassword,
                                    TestDatabase database) {
        writeTemplates(base.resolve("templates"));
        return configOver(base, smtp, imapPort, imapPassword, database);
    }

    /**
     * {@link #aConfig(Path, TestMail, TestDatabase)} without writing the templates ({@link TestDaemon} writes them
     * when it is made, before the test may change one, and makes the configuration only when first asked).
     */
    static AppConfig configOver(Path base, TestMail mail, TestDatabase database) {
        return configOver(base, new SmtpConfig("127.0.0.1", mail.smtpPort(), Security.PLAIN, TestMail.OWNER,
                        Secret.of(TestMail.OWNER_PASSWORD), Duration.ofSeconds(10), ""),
                mail.imapPort(), TestMail.OWNER_PASSWORD, database);
    }

    private static AppConfig configOver(Path base, SmtpConfig smtp, int imapPort, String imapPassword,
                                        TestDatabase database) {
        ZoneId zone = ZoneId.of("Europe/London");
        MailboxConfig mailbox = new MailboxConfig("main", TestMail.OWNER, "Olivia Owner", TestMail.OWNER, zone, smtp,
                new ImapConfig("127.0.0.1", imapPort, Security.PLAIN, TestMail.OWNER,
                        Secret.of(imapPassword), "INBOX", true, Duration.ofMillis(500),
                        Duration.ofSeconds(10), ""));
        return new AppConfig(null, "test-node", base.resolve("data"), base.resolve("templates"),
                base.resolve("config/sequences"), new DatabaseConfig(database.url(),
                database.kind() == TestDatabase.Kind.H2 ? "sa" : null, Secret.NONE, 5),
                List.of(new OwnerConfig("Olivia Owner", TestMail.OWNER, zone)), List.of(mailbox),
                new SchedulerConfig("followup-test-" + UUID.randomUUID(), false, Duration.ofMillis(100),
                        Duration.ofMillis(100)));
    }

    /**
     * The same configuration for another node on the same database: node id {@code nodeId} and a Quartz scheduler of
     * its own name (not clustered, chores every 100 ms).
     */
    public static AppConfig asNode(AppConfig config, String nodeId) {
        return config.withNode(nodeId, new SchedulerConfig("followup-test-" + UUID.randomUUID(), false,
                Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    /**
     * The same configuration with the first mailbox sending to {@code 127.0.0.1:port} (a {@link FaultSmtpSink}, say),
     * with the same security and credentials, and {@code timeout} for each SMTP command.
     */
    public static AppConfig withSmtp(AppConfig config, int port, Duration timeout) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        SmtpConfig smtp = mailbox.smtp();
        MailboxConfig moved = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), new SmtpConfig("127.0.0.1", port, smtp.security(),
                smtp.username(), smtp.password(), timeout, ""), mailbox.imap(), mailbox.caps(), mailbox.proof(),
                mailbox.oauth());
        return config.withMailboxes(List.of(moved));
    }

    /** The same configuration with the mailbox's IMAP side pointed at another server (e.g. Dovecot). */
    public static AppConfig withImap(AppConfig config, int port, String user, String password) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        ImapConfig imap = mailbox.imap();
        MailboxConfig moved = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), new ImapConfig(imap.host(), port,
                imap.security(), user, Secret.of(password), imap.folder(), imap.idle(), imap.pollInterval(),
                imap.timeout(), imap.trust()).withFolders(imap.folders(), imap.junk()));
        return config.withMailboxes(List.of(moved));
    }

    /**
     * The same configuration with the first mailbox's watcher waiting only {@code delay} (doubling) before it
     * reconnects: for tests that break IMAP connections on purpose and would otherwise wait out seconds of backoff.
     */
    public static AppConfig withReconnectDelay(AppConfig config, Duration delay) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        MailboxConfig changed = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), mailbox.imap().withReconnectDelay(delay),
                mailbox.caps(), mailbox.proof(), mailbox.oauth());
        return config.withMailboxes(List.of(changed));
    }

    /** The same configuration with the mailbox's proof settings (VERP, trusted Authentication-Results) replaced. */
    public static AppConfig withProof(AppConfig config, io.followup.config.ProofConfig proof) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        MailboxConfig changed = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), mailbox.imap(), mailbox.caps(), proof);
        return config.withMailboxes(List.of(changed));
    }

    /** The same configuration with the first mailbox's Sent-folder choice set to {@code choice}. */
    public static AppConfig withSentFolder(AppConfig config, SentFolder choice) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        MailboxConfig changed = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), mailbox.imap().withSentFolder(choice),
                mailbox.caps());
        return config.withMailboxes(List.of(changed));
    }

    /** The same configuration with the first mailbox watching {@code folders} and the Junk folder {@code junk}. */
    public static AppConfig withFolders(AppConfig config, List<String> folders, io.followup.config.JunkFolder junk) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        MailboxConfig changed = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), mailbox.imap().withFolders(folders, junk),
                mailbox.caps(), mailbox.proof());
        return config.withMailboxes(List.of(changed));
    }

    /**
     * The {@code database:} block of a configuration for {@code url}; an H2 test database is a copy of
     * {@link TestDatabase}'s template, made by its user "sa" (as the embedded one is).
     */
    public static String databaseYaml(String url) {
        return "database:\n  url: \"" + url + "\"\n" + (url.startsWith("jdbc:h2:") ? "  user: sa\n" : "");
    }

    public static void writeTemplates(Path templates) {
        write(templates.resolve("intro/first.vm"), """
                Subject: Great to meet you, $contact.first_name

                Hi $contact.first_name,

                thank you for the conversation at $contact.met_at.

                $sender.name
                """);
        write(templates.resolve("intro/second.vm"), """
                Subject: A thought after $contact.met_at

                Hi $contact.first_name,

                one more idea after $contact.met_at.
                """);
        write(templates.resolve("intro/third.vm"), """
                Subject: Last one

                Hi $contact.first_name, at the risk of having you think I'm stalking you...
                """);
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
