package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Chores;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * What inbound mail does to an enrollment, end to end through GreenMail and the daemon's own watcher: an
 * out-of-office pauses until its return date, a reply is matched even when its client dropped the threading
 * headers or it comes from another address or a colleague.
 */
class InboundResponsesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private TestDaemon followup;
    private TestMail mail;
    private Daemon daemon;
    private MutableClock clock;

    private void start(TestDaemon given) {
        followup = given;
        mail = given.mail();
        clock = given.clock();
        daemon = given.startWatching();
    }

    private Enrollment enrollAndAwaitFirstStep(String email, String name, String metAt) {
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(email, name)
                .withFields(Map.of("met_at", metAt)), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy(email).size() == 1);
        return enrollment;
    }

    @DaemonTest
    void anOutOfOfficeWithAReturnDatePausesTheEnrollmentUntilThenAndItResumes(TestDaemon given)
            throws Exception {
        start(given);
        String liam = "liam@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(liam, "Liam Lee", "the Dublin meetup");
        MimeMessage first = mail.receivedBy(liam).get(0);

        mail.deliverRaw(raw("From: Liam Lee <" + liam + ">", "Automatic reply: " + first.getSubject(),
                "Auto-Submitted: auto-replied\r\nIn-Reply-To: " + first.getMessageID() + "\r\n",
                "Thank you for your message. I am out of the office until March 12, 2026 and will reply when I "
                        + "am back."));
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.PAUSED);
        Instant resumeAt = enrollment(enrollment.id()).resumeAt();
        assertThat(resumeAt).isEqualTo(Instant.parse("2026-03-13T09:00:00Z"));
        assertThat(kinds()).contains("auto_reply");

        clock.set(Instant.parse("2026-03-12T18:00:00Z"));
        Chores.drain(daemon);
        assertThat(mail.receivedBy(liam)).as("nothing while out of office").hasSize(1);

        clock.set(resumeAt.plusSeconds(1));
        await().atMost(PATIENCE).until(() -> mail.receivedBy(liam).size() == 2);
        assertThat(state(enrollment.id())).isEqualTo(EnrollmentState.ACTIVE);
        Chores.drain(daemon);
        assertThat(mail.receivedBy(liam)).as("only the next step, not a burst").hasSize(2);
    }

    @DaemonTest
    void aReplyWhoseClientDroppedInReplyToIsStillMatchedByItsSender(TestDaemon given) {
        start(given);
        String nina = "nina@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(nina, "Nina Novak", "the Ljubljana meetup");
        mail.reply(nina, "RE: something else entirely", "Happy to talk!", null, null);
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        assertThat(matchMethods()).containsExactly("sender");
    }

    @DaemonTest
    void aReplyFromAnotherAddressIsUnverifiedUntilTheOwnerAppliesItAndAColleagueStopsTheThreadQuietly(TestDaemon given) throws Exception {
        start(given);
        Enrollment omar = enrollAndAwaitFirstStep("omar@acme.example", "Omar Ortiz", "the Cairo summit");
        Enrollment pia = enrollAndAwaitFirstStep("pia@globex.example", "Omar Ortiz", "the Cairo summit");
        Enrollment quinn = enrollAndAwaitFirstStep("quinn@initech.example", "Quinn Quist", "the Oslo meetup");
        String sharedSubject = mail.receivedBy("omar@acme.example").get(0).getSubject();
        assertThat(mail.receivedBy("pia@globex.example").get(0).getSubject()).isEqualTo(sharedSubject);
        String quinnSubject = mail.receivedBy("quinn@initech.example").get(0).getSubject();

        mail.reply("quinn.private@gmail.example", "AW: " + quinnSubject, "Writing from my own address: yes!",
                null, null);
        await().atMost(PATIENCE).until(() -> daemon.unverified().pending(10).size() == 1);
        assertThat(state(quinn.id())).as("a subject from another domain proves nothing")
                .isEqualTo(EnrollmentState.ACTIVE);
        var quinnsReply = daemon.unverified().pending(10).get(0);
        assertThat(quinnsReply.reason()).contains("subject only, from another address (quinn.private@gmail.example)");
        daemon.unverified().apply(quinnsReply.id(), TestMail.OWNER);
        assertThat(state(quinn.id())).as("the owner applied it").isEqualTo(EnrollmentState.STOPPED);

        mail.reply("assistant@acme.example", "Re: " + sharedSubject, "Omar asked me to set up a call.", null, null);
        await().atMost(PATIENCE).until(() -> state(omar.id()) == EnrollmentState.STOPPED);
        assertThat(state(pia.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(matchMethods().stream().filter(method -> !method.equals("own_message")))
                .as("the owner's notice after Apply may arrive in the watched inbox (own_message) at any moment")
                .containsExactly("other_address", "colleague");
        assertThat(enrollment(omar.id()).stopReason()).contains("unverified");
        var assistants = daemon.unverified().pending(10);
        assertThat(assistants).hasSize(1);
        assertThat(assistants.get(0).requested()).contains("notify the owner");
        daemon.unverified().apply(assistants.get(0).id(), TestMail.OWNER);
        await("the owner's notice of the interested reply is our own message, not a reply").atMost(PATIENCE)
                .until(() -> matchMethods().contains("own_message"));
    }

    @DaemonTest
    void aHardBounceStopsTheEnrollment(TestDaemon given) throws Exception {
        start(given);
        String ana = "ana@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(ana, "Ana Alves", "the Porto meetup");
        mail.deliverRaw(dsn(ana, "5.1.1", "550 5.1.1 <" + ana + ">: Recipient address rejected: User unknown",
                mail.receivedBy(ana).get(0)));
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        assertThat(enrollment(enrollment.id()).stopReason()).isEqualTo("bounced");
        assertThat(suppressed(ana)).as("a hard bounce suppresses the address").isTrue();
        assertThat(kinds()).containsExactly("bounce");
        assertThat(matchMethods()).containsExactly("references");
        clock.advance(Duration.ofDays(10));
        Chores.drain(daemon);
        assertThat(mail.receivedBy(ana)).hasSize(1);
    }

    @DaemonTest
    void aSoftBounceSendsTheSameStepAgainLaterABoundedNumberOfTimes(TestDaemon given) throws Exception {
        start(given);
        String ben = "ben@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(ben, "Ben Brown", "the Bergen meetup");
        MimeMessage first = mail.receivedBy(ben).get(0);
        mail.deliverRaw(dsn(ben, "4.2.2", "452 4.2.2 <" + ben + ">: Mailbox full", first));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM outbound_message") == 2);
        Chores.drain(daemon);
        assertThat(mail.receivedBy(ben)).as("not before the retry time").hasSize(1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        await().atMost(PATIENCE).until(() -> mail.receivedBy(ben).size() == 2);
        MimeMessage retry = mail.receivedBy(ben).get(1);
        assertThat(retry.getSubject()).isEqualTo(first.getSubject());
        assertThat(retry.getMessageID()).isNotEqualTo(first.getMessageID());

        mail.deliverRaw(dsn(ben, "4.2.2", "452 4.2.2 <" + ben + ">: Mailbox full", retry));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM outbound_message") == 3);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        await().atMost(PATIENCE).until(() -> mail.receivedBy(ben).size() == 3);
        mail.deliverRaw(dsn(ben, "4.2.2", "452 4.2.2 <" + ben + ">: Mailbox full", mail.receivedBy(ben).get(2)));
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        assertThat(enrollment(enrollment.id()).stopReason()).isEqualTo("bounced (soft, retries exhausted)");
    }

    @DaemonTest
    void aReferralEnrollsThePersonItNamesIntroducedByTheReplier(TestDaemon given) {
        start(given);
        String carl = "carl@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(carl, "Carl Clark", "the Copenhagen meetup");
        replyToTheFirstStep(carl, "Thanks for reaching out! I'm not the right person for this. "
                + "Please reach out to my colleague Jane Doe (jane.doe@example.org), she runs partnerships.");
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        await().atMost(PATIENCE).until(() -> count(
                "SELECT COUNT(*) FROM enrollment e JOIN contact c ON c.id = e.contact_id "
                        + "WHERE c.email = 'jane.doe@example.org'") == 1);
        long introducer = count("SELECT introduced_by FROM contact WHERE email = 'jane.doe@example.org'");
        assertThat(introducer).isEqualTo(enrollment.contactId());
        assertThat(events()).contains("referral_enrolled");
    }

    @DaemonTest
    void notInterestedStopsAndOptsTheContactOutOfTheSequence(TestDaemon given) {
        start(given);
        String dina = "dina@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(dina, "Dina Diaz", "the Madrid meetup");
        replyToTheFirstStep(dina, "No thanks, we're not interested.");
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        assertThat(events()).contains("opted_out");
        assertThat(suppressed(dina)).as("not interested is not an unsubscribe").isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> daemon.enrollments().enroll(
                        ContactSpec.of(dina, "Dina Diaz"), TestConfigs.SEQUENCE, "test"))
                .hasMessageContaining("declined intro earlier");
    }

    @DaemonTest
    void anUnsubscribeReplySuppressesTheAddressEverywhere(TestDaemon given) {
        start(given);
        String eve = "eve@example.org";
        Enrollment enrollment = enrollAndAwaitFirstStep(eve, "Eve Evans", "the Edinburgh meetup");
        replyToTheFirstStep(eve, "Please remove me from your list.");
        await().atMost(PATIENCE).until(() -> state(enrollment.id()) == EnrollmentState.STOPPED);
        assertThat(suppressed(eve)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> daemon.enrollments().enroll(
                ContactSpec.of(eve, "Eve Evans"), TestConfigs.SEQUENCE, "test")).hasMessageContaining("suppressed");
    }

    /** {@code address} answers the first step it received with {@code body}, as a plain reply to it. */
    private void replyToTheFirstStep(String address, String body) {
        MimeMessage first = mail.receivedBy(address).get(0);
        mail.reply(address, "Re: " + subjectOf(first), body, messageIdOf(first), null);
    }

    private boolean suppressed(String address) {
        return daemon.database().jdbi().withHandle(handle -> daemon.suppressions().isSuppressed(handle, address));
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 3464 delivery status notification for {@code original}, from the receiving side's MTA. */
    private byte[] dsn(String recipient, String status, String diagnostic, MimeMessage original)
            throws jakarta.mail.MessagingException {
        String boundary = "dsn-" + java.util.UUID.randomUUID();
        return ("From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\nTo: " + TestMail.OWNER
                + "\r\nSubject: Undelivered Mail Returned to Sender\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@mx.example.org>\r\nAuto-Submitted: auto-replied\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\""
                + boundary + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain\r\n\r\n"
                + "Your message could not be delivered.\r\n\r\n--" + boundary
                + "\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: " + status
                + "\r\nDiagnostic-Code: smtp; " + diagnostic + "\r\n\r\n--" + boundary
                + "\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: " + TestMail.OWNER + "\r\nTo: " + recipient
                + "\r\nSubject: " + original.getSubject() + "\r\nMessage-ID: " + original.getMessageID()
                + "\r\n\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private java.util.List<String> events() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event FROM event_log ORDER BY id").mapTo(String.class).list());
    }

    private byte[] raw(String from, String subject, String extraHeaders, String body) {
        return (from + "\r\nTo: " + TestMail.OWNER + "\r\nSubject: " + subject + "\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@example.org>\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private EnrollmentState state(long id) {
        return enrollment(id).state();
    }

    private java.util.List<String> kinds() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT kind FROM inbound_message ORDER BY id").mapTo(String.class).list());
    }

    private java.util.List<String> matchMethods() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT match_method FROM inbound_message ORDER BY id").mapTo(String.class).list());
    }

    private long count(String sql) {
        return followup.count(sql);
    }
}
