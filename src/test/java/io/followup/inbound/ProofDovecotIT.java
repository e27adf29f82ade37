package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ProofConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof before action against a real Dovecot: messages land in the Maildir exactly as a delivery agent writes them
 * ({@code Return-Path}, {@code Delivered-To}, {@code Authentication-Results} at the top); outgoing mail goes to
 * GreenMail with VERP on.
 */
class ProofDovecotIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDovecot dovecot;
    private TestDatabase testDatabase;
    private Daemon daemon;
    private MutableClock clock;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(TestDovecot.available(),
                "dovecot (package dovecot-imapd) is not installed or we are not root: Dovecot test skipped");
        mail = new TestMail();
        dovecot = new TestDovecot();
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        AppConfig config = TestConfigs.withProof(TestConfigs.withImap(TestConfigs.aConfig(base, mail, testDatabase),
                dovecot.port(), TestDovecot.USER, TestDovecot.PASSWORD),
                new ProofConfig(true, null, List.of("mx.followup.test")));
        daemon = Daemon.open(config, clock);
        daemon.start();
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark") == 1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aBounceDeliveredToOurSignedReturnAddressStopsAndSuppressesWithoutQuotingAnything() throws Exception {
        Enrollment ben = enroll("ben@example.org", "Ben Brown");
        String returnPath = mail.receivedBy("ben@example.org").get(0).getHeader("Return-Path")[0];
        String verpAddress = returnPath.substring(1, returnPath.length() - 1);

        dovecot.deliver(("Return-Path: <>\r\nDelivered-To: " + verpAddress + "\r\n"
                + "From: MAILER-DAEMON@mx.example.org\r\nTo: " + verpAddress + "\r\nSubject: failure notice\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mx.example.org>\r\nDate: " + date() + "\r\n\r\n"
                + "Hi. This is the qmail-send program at mx.example.org.\r\nI'm afraid I wasn't able to deliver your"
                + " message to the following addresses.\r\nThis is a permanent error; I've given up. Sorry it "
                + "didn't work out.\r\n\r\n<ben@example.org>:\r\n550 5.1.1 sorry, no mailbox here by that name\r\n")
                .getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> state(ben.id()) == EnrollmentState.STOPPED);
        assertThat(suppressed("ben@example.org")).isTrue();
        assertThat(proofReasons()).singleElement().asString().startsWith("VERP return address valid for outbound #");
    }

    @Test
    void aForgedOutOfOfficeWithANullSenderAndAnUntrustedPassNeitherPausesNorActs() {
        Enrollment carol = enroll("carol@example.org", "Carol Cole");
        dovecot.deliver(("Return-Path: <>\r\nDelivered-To: " + TestMail.OWNER + "\r\n"
                + "Authentication-Results: mx.evil.example; dmarc=pass header.from=example.org\r\n"
                + "From: Carol Cole <carol@example.org>\r\nTo: " + TestMail.OWNER + "\r\n"
                + "Subject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <" + UUID.randomUUID()
                + "@evil.example>\r\nDate: " + date() + "\r\n\r\nI am out of the office until December 20, 2027.\r\n")
                .getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> !daemon.unverified().pending(10).isEmpty());
        UnverifiedInbox.Item item = daemon.unverified().pending(10).get(0);
        assertThat(item.reason()).isEqualTo("From carol@example.org is the contact's address but Return-Path <> is "
                + "not aligned and no trusted Authentication-Results");
        assertThat(item.requested()).isEqualTo("pause intro for carol@example.org until 2027-12-20 (auto-reply)");
        assertThat(state(carol.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(enrollment(carol.id()).resumeAt()).isNull();
    }

    private Enrollment enroll(String email, String name) {
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(email, name)
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy(email).size() == 1);
        return enrollment;
    }

    private String date() {
        return new MailDateFormat().format(Date.from(clock.instant()));
    }

    private boolean suppressed(String address) {
        return daemon.database().jdbi().withHandle(handle -> daemon.suppressions().isSuppressed(handle, address));
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private EnrollmentState state(long id) {
        return enrollment(id).state();
    }

    private List<String> proofReasons() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT proof_reason FROM inbound_message WHERE proof_level = 'proven' ORDER BY id")
                .mapTo(String.class).list());
    }

    private long count(String sql) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
