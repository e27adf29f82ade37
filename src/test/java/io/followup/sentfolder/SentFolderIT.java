package io.followup.sentfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import io.followup.config.SentFolder;
import io.followup.config.SmtpConfig;
import io.followup.contact.ContactSpec;
import io.followup.store.EventLog;
import io.followup.testing.Closing;
import io.followup.testing.FaultSmtpSink;
import io.followup.testing.ImapFolderContents;
import io.followup.testing.ImapFolderContents.StoredMessage;
import io.followup.testing.MutableClock;
import io.followup.testing.SmtpFault;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import io.followup.testing.TestPostfixDovecot;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Copies in the Sent folder: after a step is sent, the exact bytes that went out are appended to the mailbox's Sent
 * folder, flagged \Seen, on GreenMail (a configured folder name, created) and on a real Dovecot (found by its
 * {@code \Sent} special-use attribute under another name); a failed APPEND is retried later and never causes a
 * resend; a retry after an APPEND that did arrive stores no second copy; an in_doubt message confirmed sent by hand
 * gets its copy too (before and after a restart), and is never sent again.
 */
class SentFolderIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ALICE = "alice@example.org";

    @TempDir
    Path base;

    private TestMail mail;
    private TestPostfixDovecot mailSystem;
    private TestDatabase testDatabase;
    private Daemon daemon;

    @AfterEach
    void tearDown() {
        Closing.all(daemon, mail, mailSystem, testDatabase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aSentStepIsCopiedIntoTheConfiguredFolderOnGreenMailAsSentAndSeen(TestDatabase.Kind kind) throws Exception {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        daemon = Daemon.open(TestConfigs.withSentFolder(TestConfigs.aConfig(base, mail, testDatabase),
                SentFolder.named("Sent")), TestConfigs.intro(),
                new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        daemon.start();
        enrollAlice();

        await().atMost(PATIENCE).until(() -> greenMailSent().size() == 1);

        StoredMessage copy = greenMailSent().get(0);
        assertThat(copy.seen()).isTrue();
        assertThat(mail.inboxOf(ALICE)).hasSize(1);
        assertThat(rawOf(mail.inboxOf(ALICE).get(0)) + "\r\n").as("what Alice got is what was stored, plus the"
                + " server's trace headers on top (GreenMail keeps no final CRLF)").endsWith(copy.text());
        assertThat(copy.text()).contains("Message-ID: " + mail.inboxOf(ALICE).get(0).getMessageID())
                .doesNotContain("Received:");
        assertThat(sentCopy()).containsEntry("state", "stored").containsEntry("folder", "Sent")
                .containsEntry("raw_base64", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aFailedAppendIsRetriedLaterNeverResendsAndNeverStoresTwice(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        AppConfig config = TestConfigs.withSentFolder(TestConfigs.aConfig(base, mail, testDatabase),
                SentFolder.named("Sent"));
        daemon = Daemon.open(config, TestConfigs.intro(), clock);
        enrollAlice();
        daemon.dispatcher().dispatchDue(10);
        assertThat(daemon.sender().sendDue(10)).isEqualTo(1);
        MailboxConfig good = config.mailboxes().get(0);
        MailboxConfig wrongPassword = new MailboxConfig(good.name(), good.address(), good.displayName(), good.owner(),
                good.timeZone(), good.smtp(), new io.followup.config.ImapConfig(good.imap().host(),
                good.imap().port(), good.imap().security(), good.imap().username(), Secret.of("not-the-password"),
                good.imap().folder(), false, good.imap().pollInterval(), good.imap().timeout(), "")
                .withSentFolder(good.imap().sentFolder()), good.caps());
        AtomicReference<MailboxConfig> current = new AtomicReference<>(wrongPassword);
        SentFolderAppender appender = new SentFolderAppender(daemon.database().jdbi(), clock,
                mailboxId -> current.get(), new SentCopyStore(), new EventLog());

        assertThat(appender.appendDue(10)).isZero();

        Map<String, Object> waiting = sentCopy();
        assertThat(waiting).containsEntry("state", "pending").containsEntry("attempts", 1);
        assertThat((String) waiting.get("last_error")).startsWith("IMAP 127.0.0.1:" + mail.imapPort() + ": ")
                .doesNotContain("not-the-password");
        assertThat(greenMailSent()).isEmpty();
        assertThat(appender.appendDue(10)).as("not before the retry time").isZero();
        assertThat(sentCopy()).containsEntry("attempts", 1);

        current.set(good);
        clock.advance(SentFolderAppender.backoff(1));
        assertThat(appender.appendDue(10)).isEqualTo(1);

        assertThat(greenMailSent()).hasSize(1);
        assertThat(sentCopy()).containsEntry("state", "stored");
        assertThat(daemon.sender().sendDue(10)).isZero();
        assertThat(mail.inboxOf(ALICE)).as("the copy never causes a resend").hasSize(1);
        String outboundState = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT state FROM outbound_message").mapTo(String.class).one());
        assertThat(outboundState).isEqualTo("sent");

        daemon.database().jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE sent_copy SET state = 'pending', raw_base64 = :raw, attempts = 1, next_attempt_at = 0""")
                .bind("raw", (String) waiting.get("raw_base64")).execute());
        assertThat(appender.appendDue(10)).as("the retry finds its copy there already").isEqualTo(1);
        assertThat(greenMailSent()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void anInDoubtMessageConfirmedSentByHandGetsItsCopyAndIsNeverSentAgain(TestDatabase.Kind kind) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        try (FaultSmtpSink sink = FaultSmtpSink.start()) {
            sink.inject(FaultSmtpSink.Rule.at(FaultSmtpSink.Stage.END_OF_DATA, SmtpFault.drop()));
            AppConfig config = TestConfigs.withSentFolder(TestConfigs.aConfig(base, new SmtpConfig("127.0.0.1",
                    sink.port(), Security.PLAIN, null, Secret.NONE, Duration.ofSeconds(10), ""), mail.imapPort(),
                    TestMail.OWNER_PASSWORD, testDatabase), SentFolder.named("Sent"));
            daemon = Daemon.open(config, TestConfigs.intro(), clock);
            enrollAlice();
            daemon.enrollments().enroll(ContactSpec.of("bob@example.org", "Bob Brown")
                    .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
            daemon.dispatcher().dispatchDue(10);
            for (int run = 0; run < 5 && sink.received().size() < 2; run++) {
                daemon.sender().sendDue(10); // a connection lost after the dot ends the run for the mailbox
            }
            List<Map<String, Object>> inDoubt = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT id, message_id FROM outbound_message WHERE state = 'in_doubt' ORDER BY id")
                    .mapToMap().list());
            assertThat(inDoubt).hasSize(2);
            assertThat(sentCopies()).as("no copy while in doubt").isZero();

            daemon.drafts().resolveSent(((Number) inDoubt.get(0).get("id")).longValue(), "test");
            daemon.close();
            daemon = Daemon.open(config, TestConfigs.intro(), clock);
            daemon.drafts().resolveSent(((Number) inDoubt.get(1).get("id")).longValue(), "test");
            assertThat(daemon.sentFolder().appendDue(10)).isEqualTo(2);

            assertThat(greenMailSent()).hasSize(2).allSatisfy(copy -> assertThat(copy.seen()).isTrue());
            for (int i = 0; i < 2; i++) {
                assertThat(greenMailSent().get(i).text()).contains("Message-ID: " + inDoubt.get(i).get("message_id"))
                        .contains("Subject: Great to meet you, ");
            }
            daemon.sender().sendDue(10);
            assertThat(sink.received()).as("confirmed by hand: never sent again").hasSize(2);
            assertThat(sink.repeatedMessageIds()).isEmpty();
        }
    }

    @Test
    void onDovecotTheFolderMarkedSentIsFoundWhateverItsName() {
        Assumptions.assumeTrue(TestPostfixDovecot.available(), TestPostfixDovecot::unavailableReason);
        mailSystem = new TestPostfixDovecot(TestMail.OWNER, ALICE);
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        SmtpConfig postfix = new SmtpConfig("127.0.0.1", mailSystem.smtpPort(), Security.PLAIN, null, Secret.NONE,
                Duration.ofSeconds(10), "");
        daemon = Daemon.open(TestConfigs.withSentFolder(TestConfigs.aConfig(base, postfix, mailSystem.imapPort(),
                TestPostfixDovecot.PASSWORD, testDatabase), SentFolder.AUTO), TestConfigs.intro(),
                new MutableClock(Instant.parse("2026-03-02T09:00:00Z")));
        daemon.start();
        enrollAlice();

        await().atMost(PATIENCE).until(() -> dovecotFolder(TestPostfixDovecot.SENT_FOLDER).size() == 1);

        StoredMessage copy = dovecotFolder(TestPostfixDovecot.SENT_FOLDER).get(0);
        assertThat(copy.seen()).isTrue();
        assertThat(copy.text()).contains("Subject: Great to meet you, Alice").doesNotContain("Received:");
        assertThat(sentCopy()).containsEntry("state", "stored")
                .containsEntry("folder", TestPostfixDovecot.SENT_FOLDER);
        await().atMost(PATIENCE).until(() -> mailSystem.inboxCount(ALICE) == 1);
        assertThat(dovecotFolder("INBOX")).as("nothing lands in the owner's inbox").isEmpty();
    }

    private void enrollAlice() {
        daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams").withFields(Map.of("met_at", "the meetup")),
                TestConfigs.SEQUENCE, "test");
    }

    private List<StoredMessage> greenMailSent() {
        return ImapFolderContents.of(mail.imapPort(), TestMail.OWNER, TestMail.OWNER_PASSWORD, "Sent");
    }

    private List<StoredMessage> dovecotFolder(String folder) {
        return ImapFolderContents.of(mailSystem.imapPort(), TestMail.OWNER, TestPostfixDovecot.PASSWORD, folder);
    }

    private long sentCopies() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM sent_copy")
                .mapTo(Long.class).one());
    }

    private Map<String, Object> sentCopy() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT state, attempts, folder, last_error, raw_base64 FROM sent_copy").mapToMap().one());
    }

    private static String rawOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return raw.toString(StandardCharsets.UTF_8);
    }
}
