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
import io.followup.sequence.ResponseRules;
import io.followup.sequence.SequenceDefinition;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The attacks of issue #9 against the daemon's own watcher (GreenMail): each leaves the victim untouched and shows
 * the message to the owner as unverified with its reason; and the positive controls still act.
 */
class ProofBeforeActionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private TestDaemon followup;
    private TestMail mail;
    private Daemon daemon;
    private MutableClock clock;

    @DaemonTest
    void aForgedDsnNamingAContactWithoutOurMessageIdNeitherStopsNorSuppressesHer(TestDaemon given) {
        start(given, UnaryOperator.identity());
        Enrollment alice = enrollAndAwaitFirstStep("alice@example.org", "Alice Adams");
        mail.deliverRaw(dsn("alice@example.org", "5.1.1", "From: " + TestMail.OWNER + "\r\nTo: alice@example.org"
                + "\r\nSubject: hello\r\nMessage-ID: <forged-" + UUID.randomUUID() + "@evil.example>\r\n", ""),
                "mallory@evil.example");

        UnverifiedInbox.Item item = awaitUnverified();
        assertUntouched(alice, "alice@example.org");
        assertThat(item.reason()).isEqualTo("DSN returned headers quote no Message-ID we sent to alice@example.org");
        assertThat(item.requested()).contains("stop intro for alice@example.org (hard bounce)")
                .contains("suppress alice@example.org");
        var owner = daemon.digests().owner(TestMail.OWNER);
        String digest = daemon.digests().render(owner, io.followup.digest.IsoWeek.of(
                clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate())).text();
        assertThat(digest).as("the digest's needs-you").contains("Unverified mail")
                .contains("unverified: DSN returned headers quote no Message-ID we sent to alice@example.org");

        daemon.unverified().dismiss(item.id(), "test");
        assertThat(daemon.unverified().pending(10)).isEmpty();
        assertUntouched(alice, "alice@example.org");
    }

    @DaemonTest
    void aDsnQuotingOurMessageToSomeoneElseDoesNotStopTheContactItNames(TestDaemon given) {
        start(given, UnaryOperator.identity());
        Enrollment alice = enrollAndAwaitFirstStep("alice@example.org", "Alice Adams");
        enrollAndAwaitFirstStep("mallory@evil.example", "Mallory Mint");
        MimeMessage mallorys = mail.receivedBy("mallory@evil.example").get(0);
        mail.deliverRaw(dsn("alice@example.org", "5.1.1", "Message-ID: " + messageIdOf(mallorys) + "\r\n", ""),
                "mallory@evil.example");

        UnverifiedInbox.Item item = awaitUnverified();
        assertUntouched(alice, "alice@example.org");
        assertThat(item.reason()).contains("went to mallory@evil.example, not to alice@example.org");
    }

    @DaemonTest
    void anUnsubscribeFromAnotherAddressWithOnlyTheSubjectDoesNotSuppressTheContact(TestDaemon given) {
        start(given, UnaryOperator.identity());
        UnverifiedInbox.Item item = replyHeldAsUnverified("carol@example.org", "Carol Cole",
                "From: Mallory <mallory@evil.example>", "", "Please unsubscribe me.", "mallory@evil.example");
        assertThat(item.reason()).isEqualTo("matched by subject only, from another address (mallory@evil.example)");
        assertThat(item.requested()).contains("suppress carol@example.org");
    }

    @DaemonTest
    void aForgedAutoReplyWithTheContactsSubjectDoesNotPauseHer(TestDaemon given) {
        start(given, UnaryOperator.identity());
        UnverifiedInbox.Item item = replyHeldAsUnverified("carol@example.org", "Carol Cole",
                "From: Mallory <mallory@evil.example>", "Auto-Submitted: auto-replied\r\n",
                "I am out of the office until December 20, 2027.", "mallory@evil.example");
        assertThat(item.kind()).isEqualTo("auto_reply");
        assertThat(item.requested()).isEqualTo("pause intro for carol@example.org until 2027-12-20 (auto-reply)");
    }

    @DaemonTest
    void aSpoofedFromWithAnEnvelopeOfAnotherDomainIsNotTheContact(TestDaemon given) {
        start(given, UnaryOperator.identity());
        UnverifiedInbox.Item item = replyHeldAsUnverified("dave@example.org", "Dave Dunn",
                "From: Dave Dunn <dave@example.org>", "", "Please unsubscribe me.", "mallory@evil.example");
        assertThat(item.reason()).isEqualTo("From dave@example.org is the contact's address but Return-Path "
                + "<mallory@evil.example> is not aligned and no trusted Authentication-Results");
    }

    @DaemonTest
    void aTrustedDmarcFailMakesEvenAnAlignedSenderUnverifiedAndUntrustedResultsAreIgnored(TestDaemon given) {
        start(given, config -> TestConfigs.withProof(config, new ProofConfig(false, null, List.of("mx.followup.test"))));
        UnverifiedInbox.Item item = replyHeldAsUnverified("dave@example.org", "Dave Dunn",
                "From: Dave Dunn <dave@example.org>",
                "Authentication-Results: mx.evil.example; dmarc=pass header.from=example.org\r\n"
                        + "Authentication-Results: mx.followup.test; spf=pass smtp.mailfrom=example.org;"
                        + " dkim=none; dmarc=fail (p=reject) header.from=example.org\r\n",
                "Please unsubscribe me.", "bounce@example.org");
        assertThat(item.reason()).isEqualTo("dmarc=fail per Authentication-Results of mx.followup.test");
    }

    @DaemonTest
    void aReplyFromAContactWhoseEnrollmentAlreadyEndedEnrollsNobody(TestDaemon given) {
        start(given, UnaryOperator.identity());
        Enrollment carl = enrollAndAwaitFirstStep("carl@example.org", "Carl Clark");
        daemon.control().stop(new io.followup.sequence.EnrollmentControl.Target.One(carl.id()), "test");
        assertThat(state(carl.id())).isEqualTo(EnrollmentState.STOPPED);
        MimeMessage first = mail.receivedBy("carl@example.org").get(0);
        mail.reply("carl@example.org", "Re: " + subjectOf("carl@example.org"), "I'm not the right person. Please "
                + "reach out to my colleague Victor (victim@external.example), he runs partnerships.",
                messageIdOf(first), null);

        await().atMost(PATIENCE).until(() -> events().contains("referral_not_enrolled"));
        assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'victim@external.example'")).isZero();
        assertThat(mail.receivedBy("victim@external.example")).isEmpty();
        assertThat(detail("referral_not_enrolled")).contains("had already ended");
    }

    @DaemonTest
    void aGenuineReferralWaitsForApprovalAtTheDefaultTier(TestDaemon given) throws Exception {
        start(given, UnaryOperator.identity());
        daemon.enrollments().enroll(ContactSpec.of("vip@example.org", "Vera Vip").withTier(1)
                .withFields(Map.of("met_at", "the gala")), TestConfigs.SEQUENCE, "test");
        Enrollment vip = enrollmentOf("vip@example.org");
        await().atMost(PATIENCE).until(() -> mail.receivedBy("vip@example.org").size() == 1);
        MimeMessage first = mail.receivedBy("vip@example.org").get(0);
        mail.reply("vip@example.org", "Re: " + first.getSubject(), "Thanks for reaching out! I'm not the right person "
                + "for this. Please reach out to my colleague Jane Doe (jane.doe@example.org), she runs partnerships.", messageIdOf(first), null);

        await().atMost(PATIENCE).until(() -> state(vip.id()) == EnrollmentState.STOPPED);
        await().atMost(PATIENCE).until(() -> events().contains("referral_enrolled"));
        Enrollment jane = enrollmentOf("jane.doe@example.org");
        assertThat(count("SELECT tier FROM contact WHERE email = 'jane.doe@example.org'"))
                .as("the default tier, not the replier's").isEqualTo(3);
        assertThat(count("SELECT introduced_by FROM contact WHERE email = 'jane.doe@example.org'"))
                .isEqualTo(vip.contactId());
        var sequence = daemon.catalog().sequence(jane.sequenceId());
        java.util.Optional<String> approval = daemon.database().jdbi().withHandle(handle ->
                new io.followup.approval.ApprovalPolicy(io.followup.config.ApprovalConfig.NONE,
                        new io.followup.sequence.ReferralStore()).reason(handle, jane.id(), sequence,
                        sequence.steps().get(0), new io.followup.contact.ContactStore().byId(handle, jane.contactId())));
        assertThat(approval).hasValue("first message to a contact enrolled from a referral");
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE enrollment_id = " + jane.id()
                + " AND state IN ('queued', 'sending', 'sent')")).as("the test template needs met_at, so the "
                + "draft is held; either way nothing is queued").isZero();
        assertThat(mail.receivedBy("jane.doe@example.org")).isEmpty();
    }

    @DaemonTest
    void aReplierWhoReachedTheReferralLimitEnrollsNobodyMore(TestDaemon given) throws Exception {
        SequenceDefinition plain = TestConfigs.introSequence();
        given.sequences(List.of(withReferralLimit(plain, plain.name(), 1), withReferralLimit(plain, "intro-b", 1)));
        start(given, UnaryOperator.identity());
        for (String sequence : List.of(TestConfigs.SEQUENCE, "intro-b")) {
            daemon.enrollments().enroll(ContactSpec.of("vip@example.org", "Vera Vip")
                    .withFields(Map.of("met_at", "the gala")), sequence, "test");
        }
        await().atMost(PATIENCE).until(() -> mail.receivedBy("vip@example.org").size() == 2);
        List<MimeMessage> firsts = mail.receivedBy("vip@example.org");
        mail.reply("vip@example.org", "Re: " + firsts.get(0).getSubject(), "I'm not the right person for this. "
                + "Please reach out to my colleague Jane Doe (jane.doe@example.org), she runs partnerships.",
                messageIdOf(firsts.get(0)), null);
        await().atMost(PATIENCE).until(() -> events().contains("referral_enrolled"));

        mail.reply("vip@example.org", "Re: " + firsts.get(1).getSubject(), "I'm not the right person for this "
                + "either. Please reach out to my colleague Bob Brown (bob.brown@example.org), he runs sales.",
                messageIdOf(firsts.get(1)), null);
        await().atMost(PATIENCE).until(() -> events().contains("referral_not_enrolled"));

        assertThat(detail("referral_not_enrolled")).isEqualTo("bob.brown@example.org: vip@example.org already "
                + "referred 1 contact(s) (limit 1 per replier)");
        assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'bob.brown@example.org'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'jane.doe@example.org'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM enrollment e JOIN contact c ON c.id = e.contact_id "
                + "WHERE c.email = 'vip@example.org' AND e.state = 'stopped'")).as("both replies were proven and "
                + "stopped their enrollments").isEqualTo(2);
        assertThat(mail.receivedBy("bob.brown@example.org")).isEmpty();
    }

    private static SequenceDefinition withReferralLimit(SequenceDefinition plain, String name, int limit) {
        ResponseRules d = plain.responses();
        ResponseRules rules = new ResponseRules(d.onReply(), d.onComplaint(), d.onHardBounce(),
                d.softBounceRetries(), d.softBounceRetryAfter(), d.pauseOnAutoReply(), d.autoReplyDefaultPause(),
                d.referralSequence(), limit, d.referralApproval(), d.replyEscalations());
        return new SequenceDefinition(name, plain.description(), plain.mailbox(), plain.steps(),
                plain.afterLastStep(), plain.maxAttempts(), plain.escalation(), plain.approval(), plain.timing(),
                rules, plain.unsubscribe());
    }

    @DaemonTest
    void aRefusedReferralChangesNothingAboutThePersonItNames(TestDaemon given) throws Exception {
        start(given, UnaryOperator.identity());
        enrollAndAwaitFirstStep("jane.doe@example.org", "Jane Original");
        daemon.database().jdbi().useHandle(handle -> handle.execute(
                "UPDATE contact SET tier = 1 WHERE email = 'jane.doe@example.org'"));
        daemon.enrollments().enroll(ContactSpec.of("carl@example.org", "Carl Clark").withTier(5)
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy("carl@example.org").size() == 1);
        MimeMessage first = mail.receivedBy("carl@example.org").get(0);
        mail.reply("carl@example.org", "Re: " + first.getSubject(), "Thanks for reaching out! I'm not the right "
                + "person for this. Please reach out to my colleague Jane Doe (jane.doe@example.org), she runs "
                + "partnerships.", messageIdOf(first), null);

        await().atMost(PATIENCE).until(() -> events().contains("referral_not_enrolled"));
        assertThat(detail("referral_not_enrolled")).contains("already enrolled");
        String jane = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT name, tier, goal, introduced_by FROM contact WHERE email = 'jane.doe@example.org'")
                .map((rs, ctx) -> rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|"
                        + rs.getObject(4)).one());
        assertThat(jane).as("name, tier, goal, introducer unchanged").isEqualTo("Jane Original|1|null|null");
    }

    @DaemonTest
    void aGenuineDsnQuotingOurMessageIdStopsAndSuppresses(TestDaemon given) {
        start(given, UnaryOperator.identity());
        Enrollment ana = enrollAndAwaitFirstStep("ana@example.org", "Ana Alves");
        MimeMessage first = mail.receivedBy("ana@example.org").get(0);
        mail.deliverRaw(dsn("ana@example.org", "5.1.1", "From: " + TestMail.OWNER + "\r\nTo: ana@example.org\r\n"
                + "Message-ID: " + messageIdOf(first) + "\r\n", ""), null);

        await().atMost(PATIENCE).until(() -> state(ana.id()) == EnrollmentState.STOPPED);
        assertThat(suppressed("ana@example.org")).isTrue();
        assertThat(proofs()).containsExactly("proven: DSN returned headers quote " + messageIdOf(first)
                + ", which we sent to ana@example.org");
    }

    @DaemonTest
    void aGenuineBounceToOurSignedReturnAddressStopsEvenWithoutReturnedHeaders(TestDaemon given)
            throws Exception {
        start(given, config -> TestConfigs.withProof(config, new ProofConfig(true, null, List.of())));
        Enrollment ben = enrollAndAwaitFirstStep("ben@example.org", "Ben Brown");
        String returnPath = mail.receivedBy("ben@example.org").get(0).getHeader("Return-Path")[0];
        assertThat(returnPath).matches("<owner\\+b-[0-9a-z]+-[0-9a-f]{16}@followup\\.test>");
        String verpAddress = returnPath.substring(1, returnPath.length() - 1);

        mail.deliverRaw(dsn("ben@example.org", "5.1.1", null, verpAddress), null);
        await().atMost(PATIENCE).until(() -> state(ben.id()) == EnrollmentState.STOPPED);
        assertThat(suppressed("ben@example.org")).isTrue();
        assertThat(proofs().get(0)).startsWith("proven: VERP return address valid for outbound #");

        Enrollment bo = enrollAndAwaitFirstStep("bo@example.org", "Bo Berg");
        String forged = verpAddress.replaceAll("-[0-9a-f]{16}@", "-0123456789abcdef@");
        mail.deliverRaw(dsn("bo@example.org", "5.1.1", null, forged), null);
        awaitUnverified();
        assertUntouched(bo, "bo@example.org");
    }

    @DaemonTest
    void aGenuineAutoReplyFromTheContactsOwnAlignedAddressPausesHer(TestDaemon given) {
        start(given, UnaryOperator.identity());
        Enrollment liam = enrollAndAwaitFirstStep("liam@example.org", "Liam Lee");
        mail.deliverRaw(raw("From: Liam Lee <liam@example.org>", "Automatic reply: " + subjectOf("liam@example.org"),
                "Auto-Submitted: auto-replied\r\n", "I am out of the office until March 12, 2026."),
                "liam@mail.example.org");

        await().atMost(PATIENCE).until(() -> state(liam.id()) == EnrollmentState.PAUSED);
        assertThat(proofs()).containsExactly("proven: sender is the contact's own address; Return-Path "
                + "<liam@mail.example.org> aligned with From");
    }

    @DaemonTest
    void aGenuineReplyNamingOurMessageIdStopsAndIsProven(TestDaemon given) {
        start(given, UnaryOperator.identity());
        Enrollment eve = enrollAndAwaitFirstStep("eve@example.org", "Eve Evans");
        MimeMessage first = mail.receivedBy("eve@example.org").get(0);
        mail.reply("eve.private@elsewhere.example", "Re: " + subjectOf("eve@example.org"),
                "Please remove me from your list.", messageIdOf(first), null);
        await().atMost(PATIENCE).until(() -> state(eve.id()) == EnrollmentState.STOPPED);
        assertThat(suppressed("eve@example.org")).isTrue();
        assertThat(proofs()).containsExactly("proven: our Message-ID " + messageIdOf(first)
                + " in In-Reply-To/References");
    }

    private void start(TestDaemon given, UnaryOperator<AppConfig> configure) {
        followup = given;
        mail = given.mail();
        clock = given.clock();
        daemon = given.configure(configure).startWatching();
    }

    /**
     * Enrolls and waits until the first step is received and recorded as sent: until then the daemon's send chore
     * still writes the enrollment's rows (a test that stopped it meanwhile met a deadlock on MariaDB).
     */
    private Enrollment enrollAndAwaitFirstStep(String email, String name) {
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(email, name)
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> mail.receivedBy(email).size() == 1 && count("SELECT COUNT(*) FROM "
                + "outbound_message WHERE state = 'sent' AND enrollment_id = " + enrollment.id()) == 1);
        return enrollment;
    }

    /**
     * Enrolls {@code contact} and waits for the first step; then delivers, over the envelope sender
     * {@code envelope}, a reply to it {@code from} (a From header) with more {@code headers} and {@code body}; waits
     * until it is held as unverified mail and checks that nothing was done to the contact. Returns the held item.
     */
    private UnverifiedInbox.Item replyHeldAsUnverified(String contact, String name, String from, String headers,
                                                       String body, String envelope) {
        Enrollment enrollment = enrollAndAwaitFirstStep(contact, name);
        mail.deliverRaw(raw(from, "Re: " + subjectOf(contact), headers, body), envelope);
        UnverifiedInbox.Item item = awaitUnverified();
        assertUntouched(enrollment, contact);
        return item;
    }

    private UnverifiedInbox.Item awaitUnverified() {
        await().atMost(PATIENCE).until(() -> !daemon.unverified().pending(10).isEmpty());
        List<UnverifiedInbox.Item> pending = daemon.unverified().pending(10);
        assertThat(pending).hasSize(1);
        return pending.get(0);
    }

    /** Nothing happened to the victim: still active, not suppressed, no opt-out, not paused. */
    private void assertUntouched(Enrollment victim, String address) {
        assertThat(state(victim.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(enrollment(victim.id()).resumeAt()).isNull();
        assertThat(suppressed(address)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM sequence_opt_out")).isZero();
        List<String> victimEvents = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event FROM event_log WHERE enrollment_id = :id").bind("id", victim.id())
                .mapTo(String.class).list());
        assertThat(victimEvents).doesNotContain("stopped", "paused", "opted_out");
        assertThat(events()).doesNotContain("referral_enrolled");
    }

    private String subjectOf(String address) {
        try {
            return mail.receivedBy(address).get(0).getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A DSN for {@code recipient} from a receiving MTA, returning {@code returnedHeaders} (null: no returned part),
     * addressed to {@code to} (empty: the owner).
     */
    private byte[] dsn(String recipient, String status, String returnedHeaders, String to) {
        String boundary = "dsn-" + UUID.randomUUID();
        return ("From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\nTo: "
                + (to.isEmpty() ? TestMail.OWNER : to) + "\r\nSubject: Undelivered Mail Returned to Sender\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@mx.example.org>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary
                + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nYour message could not be "
                + "delivered.\r\n\r\n--" + boundary + "\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; " + recipient
                + "\r\nAction: failed\r\nStatus: " + status + "\r\nDiagnostic-Code: smtp; 550 " + status
                + " user unknown\r\n\r\n--" + boundary
                + (returnedHeaders == null ? "--\r\n" : "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + returnedHeaders + "\r\n--" + boundary + "--\r\n")).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] raw(String from, String subject, String extraHeaders, String body) {
        return (from + "\r\nTo: " + TestMail.OWNER + "\r\nSubject: " + subject + "\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@example.net>\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private boolean suppressed(String address) {
        return daemon.database().jdbi().withHandle(handle -> daemon.suppressions().isSuppressed(handle, address));
    }

    private Enrollment enrollment(long id) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id));
    }

    private Enrollment enrollmentOf(String email) {
        long id = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT e.id FROM enrollment e JOIN contact c ON c.id = e.contact_id WHERE c.email = :email")
                .bind("email", email).mapTo(Long.class).one());
        return enrollment(id);
    }

    private EnrollmentState state(long id) {
        return enrollment(id).state();
    }

    private List<String> events() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event FROM event_log ORDER BY id").mapTo(String.class).list());
    }

    private String detail(String event) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = :event ORDER BY id").bind("event", event)
                .mapTo(String.class).first());
    }

    private List<String> proofs() {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT proof_level, proof_reason FROM inbound_message WHERE match_method <> 'own_message' ORDER BY id")
                .map((rs, ctx) -> rs.getString(1) + ": " + rs.getString(2)).list());
    }

    private long count(String sql) {
        return followup.count(sql);
    }
}
