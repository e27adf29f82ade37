package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.ProofConfig;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Proof before action against a real Dovecot: messages land in the Maildir exactly as a delivery agent writes them
 * ({@code Return-Path}, {@code Delivered-To}, {@code Authentication-Results} at the top); outgoing mail goes to
 * GreenMail with VERP on.
 * <p>
 * H2 only: what this adds is the headers as Dovecot's delivery writes them. The same judgements (a bounce to our
 * signed return address, a forged auto-reply) and what they write run on both databases in
 * {@link ProofBeforeActionIT} (GreenMail).
 */
class ProofDovecotIT {

    private static Daemon start(TestDaemon followup) {
        followup.watchDovecot().configure(config -> TestConfigs.withProof(config,
                new ProofConfig(true, null, List.of("mx.followup.test")))).startWatching();
        return followup.daemon();
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void aBounceDeliveredToOurSignedReturnAddressStopsAndSuppressesWithoutQuotingAnything(TestDaemon followup)
            throws Exception {
        Daemon daemon = start(followup);
        Enrollment ben = enroll(followup, "ben@example.org", "Ben Brown");
        String returnPath = followup.mail().receivedBy("ben@example.org").get(0).getHeader("Return-Path")[0];
        String verpAddress = returnPath.substring(1, returnPath.length() - 1);

        followup.dovecot().deliver(("Return-Path: <>\r\nDelivered-To: " + verpAddress + "\r\n"
                + "From: MAILER-DAEMON@mx.example.org\r\nTo: " + verpAddress + "\r\nSubject: failure notice\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mx.example.org>\r\nDate: " + date(followup) + "\r\n\r\n"
                + "Hi. This is the qmail-send program at mx.example.org.\r\nI'm afraid I wasn't able to deliver your"
                + " message to the following addresses.\r\nThis is a permanent error; I've given up. Sorry it "
                + "didn't work out.\r\n\r\n<ben@example.org>:\r\n550 5.1.1 sorry, no mailbox here by that name\r\n")
                .getBytes(StandardCharsets.UTF_8));

        followup.await("Ben stopped", () -> followup.state(ben.id()) == EnrollmentState.STOPPED);
        assertThat(suppressed(daemon, "ben@example.org")).isTrue();
        assertThat(proofReasons(daemon)).singleElement().asString()
                .startsWith("VERP return address valid for outbound #");
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void aForgedOutOfOfficeWithANullSenderAndAnUntrustedPassNeitherPausesNorActs(TestDaemon followup) {
        Daemon daemon = start(followup);
        Enrollment carol = enroll(followup, "carol@example.org", "Carol Cole");
        followup.dovecot().deliver(("Return-Path: <>\r\nDelivered-To: " + TestMail.OWNER + "\r\n"
                + "Authentication-Results: mx.evil.example; dmarc=pass header.from=example.org\r\n"
                + "From: Carol Cole <carol@example.org>\r\nTo: " + TestMail.OWNER + "\r\n"
                + "Subject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <" + UUID.randomUUID()
                + "@evil.example>\r\nDate: " + date(followup) + "\r\n\r\nI am out of the office until December 20, 2027.\r\n")
                .getBytes(StandardCharsets.UTF_8));

        followup.await("an unverified item", () -> !daemon.unverified().pending(10).isEmpty());
        UnverifiedInbox.Item item = daemon.unverified().pending(10).get(0);
        assertThat(item.reason()).isEqualTo("From carol@example.org is the contact's address but Return-Path <> is "
                + "not aligned and no trusted Authentication-Results");
        assertThat(item.requested()).isEqualTo("pause intro for carol@example.org until 2027-12-20 (auto-reply)");
        assertThat(followup.state(carol.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(followup.enrollment(carol.id()).resumeAt()).isNull();
    }

    private static Enrollment enroll(TestDaemon followup, String email, String name) {
        Enrollment enrollment = followup.enroll(email, name, "the meetup");
        followup.awaitReceived(email, 1);
        return enrollment;
    }

    private static String date(TestDaemon followup) {
        return new MailDateFormat().format(Date.from(followup.clock().instant()));
    }

    private static boolean suppressed(Daemon daemon, String address) {
        return daemon.database().jdbi().withHandle(handle -> daemon.suppressions().isSuppressed(handle, address));
    }

    private static List<String> proofReasons(Daemon daemon) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT proof_reason FROM inbound_message WHERE proof_level = 'proven' ORDER BY id")
                .mapTo(String.class).list());
    }
}
