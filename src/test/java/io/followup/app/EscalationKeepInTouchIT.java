package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.config.AppConfig;
import io.followup.config.IntroductionsConfig;
import io.followup.config.KeepInTouchConfig;
import io.followup.contact.Contact;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.sequence.timing.Cadence;
import io.followup.keepintouch.KeepInTouch;
import io.followup.keepintouch.KeepInTouchStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.SequenceDefinition;
import io.followup.task.Task;
import io.followup.task.TaskException;
import io.followup.task.TaskKind;
import io.followup.task.TaskService;
import io.followup.testing.MutableClock;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Escalation after the last attempt, keep-in-touch check-ins and their clock, and the introducer's thank-you,
 * against a real database (H2, and MariaDB when configured) and GreenMail. The test runs the daemon's chores itself
 * (dispatch, send, check-ins, inbound processing) so that it controls every step while the clock moves.
 */
class EscalationKeepInTouchIT {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String IVY = "ivy@example.org";
    private static final String DAN = "dan@example.org";

    private TestMail mail;
    private Daemon daemon;
    private MutableClock clock;
    private long uid;

    /** The test sequence with two of its three steps sent at most, escalating with every action. */
    private void startDaemon(TestDaemon followup, boolean approval) {
        startDaemon(followup, approval, new EscalationDefinition(
                new EscalationDefinition.Task(TaskKind.CALL, "Call $contact.first_name"),
                EscalationDefinition.OWNER, Cadence.parse("monthly")));
    }

    private void startDaemon(TestDaemon followup, boolean approval, EscalationDefinition escalation) {
        mail = followup.mail();
        clock = followup.clock();
        Path base = followup.base();
        AppConfig plain = followup.config();
        TestConfigs.write(base.resolve("templates/keep-in-touch/check-in.vm"), """
                Subject: Checking in, $contact.first_name

                Hi $contact.first_name, how are things at $contact.company?
                """);
        TestConfigs.write(base.resolve("templates/introductions/thank-you.vm"), """
                Subject: Thank you for introducing me to $contact.first_name

                Hi $introducer.first_name, thank you for introducing me to $contact.name: we are in touch now.
                """);
        SequenceDefinition intro = TestConfigs.introSequence();
        SequenceDefinition escalating = new SequenceDefinition(intro.name(), intro.description(), intro.mailbox(),
                intro.steps(), intro.afterLastStep(), 2, escalation);
        daemon = followup.open(plain.withFollowUps(new KeepInTouchConfig("keep-in-touch/check-in", approval),
                new IntroductionsConfig("introductions/thank-you", approval)), List.of(escalating));
    }

    @DaemonTest
    void silenceAfterTheLastAttemptEscalatesOnceWithATaskANoticeAndAKeepInTouchCadence(TestDaemon followup)
            throws Exception {
        startDaemon(followup, true);
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");

        runChores();
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        runChores();
        assertThat(mail.receivedBy(ALICE)).hasSize(2);
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        runChores();
        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(followup.eventCount("escalated")).isZero();
        clock.advance(Duration.ofDays(1));
        Instant completedAt = clock.instant();
        runChores();
        clock.advance(Duration.ofDays(30));
        runChores();

        assertThat(mail.receivedBy(ALICE)).as("max_attempts 2: the third step is never sent").hasSize(2);
        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.COMPLETED);
        assertThat(followup.eventCount("escalated")).isEqualTo(1);
        List<TaskService.Listed> tasks = daemon.tasks().list(false, 10);
        assertThat(tasks).hasSize(1);
        Task task = tasks.get(0).task();
        assertThat(task.kind()).isEqualTo(TaskKind.CALL);
        assertThat(task.text()).isEqualTo("Call Alice");
        assertThat(task.enrollmentId()).isEqualTo(enrollment.id());
        assertThat(tasks.get(0).contact().email()).isEqualTo(ALICE);
        assertThat(task.dueAt()).isEqualTo(completedAt);

        List<MimeMessage> notices = mail.receivedBy(TestMail.OWNER);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).getSubject()).isEqualTo("No reply from Alice Adams after 2 attempt(s) (intro)");
        assertThat((String) notices.get(0).getContent()).contains("Alice Adams <alice@example.org>",
                "A task was created for you: call: Call Alice", "monthly keep-in-touch cadence");
        OutboundMessage notice = followup.onlyOutbound(OutboundKind.NOTICE);
        assertThat(notice.state()).isEqualTo(OutboundState.SENT);
        assertThat(notice.idempotencyKey()).isEqualTo("notice:" + enrollment.id());
        assertThat(followup.state(enrollment.id())).as("sending the notice does not touch the enrollment")
                .isEqualTo(EnrollmentState.COMPLETED);

        KeepInTouch cadence = keepInTouch(ALICE).orElseThrow();
        assertThat(cadence.cadence()).isEqualTo(Cadence.parse("monthly"));
        assertThat(cadence.nextDueAt()).isAfter(completedAt.plus(Duration.ofDays(27)));

        Task done = daemon.tasks().done(task.id(), "test");
        assertThat(done.isOpen()).isFalse();
        assertThat(daemon.tasks().list(false, 10)).isEmpty();
        assertThatThrownBy(() -> daemon.tasks().done(task.id(), "test")).isInstanceOf(TaskException.class)
                .hasMessage("task #" + task.id() + " is done already");
    }

    @DaemonTest
    void anEscalationThatOnlyNotifiesAColleagueSendsTheNoticeAndNothingElse(TestDaemon followup)
            throws Exception {
        startDaemon(followup, true, new EscalationDefinition(null, "sam@example.org", null));
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");
        runChores();
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        runChores();
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        runChores();
        runChores();

        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.COMPLETED);
        List<MimeMessage> notices = mail.receivedBy("sam@example.org");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).getSubject()).isEqualTo("No reply from Alice Adams after 2 attempt(s) (intro)");
        assertThat((String) notices.get(0).getContent()).doesNotContain("task", "keep-in-touch");
        assertThat(mail.receivedBy(TestMail.OWNER)).isEmpty();
        assertThat(daemon.tasks().list(true, 10)).isEmpty();
        assertThat(keepInTouch(ALICE)).isEmpty();
        String detail = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'escalated'").mapTo(String.class).one());
        assertThat(detail).isEqualTo("notice to sam@example.org");
    }

    @DaemonTest
    void mailFromTheContactRestartsTheKeepInTouchClockAndAnAutoReplyDoesNot(TestDaemon followup) {
        startDaemon(followup, true);
        contact(ContactSpec.of(BOB, "Bob Brown").withCompany("Brown & Co"));
        daemon.keepInTouch().set(BOB, Cadence.parse("monthly"), "test");
        assertThat(keepInTouch(BOB).orElseThrow().nextDueAt()).as("one month on, in London summer time")
                .isEqualTo(Instant.parse("2026-04-02T08:00:00Z"));

        clock.set(Instant.parse("2026-03-22T09:00:00Z"));
        receive(BOB, "Lunch next week?", "Are you around for lunch next week?", null, false);
        KeepInTouch reset = keepInTouch(BOB).orElseThrow();
        assertThat(reset.lastContactAt()).isEqualTo(Instant.parse("2026-03-22T09:00:00Z"));
        assertThat(reset.nextDueAt()).isEqualTo(Instant.parse("2026-04-22T08:00:00Z"));
        assertThat(followup.eventCount("keep_in_touch_reset")).isEqualTo(1);

        clock.set(Instant.parse("2026-04-10T09:00:00Z"));
        receive(BOB, "Out of office", "I am away until Monday.", null, true);
        assertThat(keepInTouch(BOB).orElseThrow().nextDueAt()).as("an auto-reply is not the contact writing")
                .isEqualTo(Instant.parse("2026-04-22T08:00:00Z"));

        clock.set(Instant.parse("2026-04-21T09:00:00Z"));
        assertThat(daemon.checkIns().prepareDue(10)).as("the old due date passed without a check-in").isZero();
        assertThat(followup.outbound(OutboundKind.CHECK_IN)).isEmpty();

        clock.set(Instant.parse("2026-04-22T09:00:00Z"));
        assertThat(daemon.checkIns().prepareDue(10)).isEqualTo(1);
        assertThat(daemon.checkIns().prepareDue(10)).isZero();
        OutboundMessage checkIn = followup.onlyOutbound(OutboundKind.CHECK_IN);
        assertThat(checkIn.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(checkIn.toAddress()).isEqualTo(BOB);
        assertThat(checkIn.subject()).isEqualTo("Checking in, Bob");
        assertThat(checkIn.bodyText()).contains("how are things at Brown & Co?");
        assertThat(checkIn.enrollmentId()).isZero();
        assertThat(daemon.drafts().list(java.util.Set.of(OutboundState.PENDING_APPROVAL), 10))
                .as("a check-in waits in the approval queue like any draft")
                .anySatisfy(draft -> assertThat(draft.id()).isEqualTo(checkIn.id()));
        assertThat(keepInTouch(BOB).orElseThrow().nextDueAt()).isEqualTo(Instant.parse("2026-05-22T09:00:00Z"));

        clock.set(Instant.parse("2026-05-23T09:00:00Z"));
        daemon.sender().sendDue(10);
        assertThat(mail.receivedBy(BOB)).as("a check-in waiting for approval is not sent").isEmpty();
        assertThat(daemon.checkIns().prepareDue(10)).as("no second draft while the first still waits").isZero();
        assertThat(followup.outbound(OutboundKind.CHECK_IN)).hasSize(1);
        assertThat(followup.eventCount("check_in_skipped")).isEqualTo(1);
    }

    @DaemonTest
    void aCheckInWithoutApprovalIsSentAndAReplyToItRestartsTheClock(TestDaemon followup) throws Exception {
        startDaemon(followup, false);
        contact(ContactSpec.of(BOB, "Bob Brown").withCompany("Brown & Co"));
        daemon.keepInTouch().set(BOB, Cadence.parse("weekly"), "test");

        clock.advance(Duration.ofDays(7));
        assertThat(daemon.checkIns().prepareDue(10)).isEqualTo(1);
        daemon.sender().sendDue(10);
        assertThat(mail.receivedBy(BOB)).hasSize(1);
        MimeMessage checkIn = mail.receivedBy(BOB).get(0);
        assertThat(checkIn.getSubject()).isEqualTo("Checking in, Bob");

        clock.advance(Duration.ofDays(2));
        receive(BOB, "Re: Checking in, Bob", "All good, thanks!", checkIn.getMessageID(), false);
        assertThat(keepInTouch(BOB).orElseThrow().lastContactAt()).isEqualTo(clock.instant());
        assertThat(keepInTouch(BOB).orElseThrow().nextDueAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        String method = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT match_method FROM inbound_message ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
        assertThat(method).isEqualTo("references");
    }

    @DaemonTest
    void theIntroducedContactsReplyQueuesOneThankYouDraftToTheIntroducer(TestDaemon followup) throws Exception {
        startDaemon(followup, true);
        Contact ivy = contact(ContactSpec.of(IVY, "Ivy Ingram"));
        Enrollment enrollment = daemon.enrollments().enroll(new ContactSpec(DAN, "Dan Diaz", null, null, null, null,
                null, null, List.of(), Map.of("met_at", "Ivy's dinner"), IVY), TestConfigs.SEQUENCE, "test");
        runChores();
        MimeMessage first = mail.receivedBy(DAN).get(0);

        clock.advance(Duration.ofHours(3));
        receive(DAN, "Re: " + first.getSubject(), "Great to meet you too, let's talk on Friday.",
                first.getMessageID(), false);

        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        OutboundMessage thanks = followup.onlyOutbound(OutboundKind.THANK_YOU);
        assertThat(thanks.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(thanks.toAddress()).isEqualTo(IVY);
        assertThat(daemon.drafts().list(java.util.Set.of(OutboundState.PENDING_APPROVAL), 10))
                .anySatisfy(draft -> assertThat(draft.id()).isEqualTo(thanks.id()));
        assertThat(thanks.subject()).isEqualTo("Thank you for introducing me to Dan");
        assertThat(thanks.bodyText()).contains("Hi Ivy, thank you for introducing me to Dan Diaz");
        assertThat(thanks.idempotencyKey()).isEqualTo("thanks:" + enrollment.contactId());
        assertThat(followup.eventCount("thank_you_drafted")).isEqualTo(1);

        receive(DAN, "Re: " + first.getSubject(), "PS: Friday 10:00 works.", first.getMessageID(), false);
        receive(DAN, "Another topic", "Unrelated note.", null, false);
        runChores();
        assertThat(followup.outbound(OutboundKind.THANK_YOU)).as("once per introduced contact").hasSize(1);
        assertThat(mail.receivedBy(IVY)).as("waiting for approval").isEmpty();
        assertThat(ivy.introducedBy()).isNull();
    }

    @DaemonTest
    void aReplyFromAContactNobodyIntroducedDraftsNoThankYou(TestDaemon followup) throws Exception {
        startDaemon(followup, false);
        Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");
        runChores();
        MimeMessage first = mail.receivedBy(ALICE).get(0);

        receive(ALICE, "Re: " + first.getSubject(), "Thanks!", first.getMessageID(), false);

        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        assertThat(followup.outbound(OutboundKind.THANK_YOU)).isEmpty();
    }

    @DaemonTest
    void noCheckInIsDraftedWhileTheContactIsInALiveSequenceButTheClockMovesOn(TestDaemon followup) {
        startDaemon(followup, true);
        daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");
        runChores();
        daemon.keepInTouch().set(ALICE, Cadence.parse("3 days"), "test");

        clock.advance(Duration.ofDays(3));
        assertThat(daemon.checkIns().prepareDue(10)).isZero();

        assertThat(followup.outbound(OutboundKind.CHECK_IN)).isEmpty();
        assertThat(followup.eventCount("check_in_skipped")).isEqualTo(1);
        assertThat(keepInTouch(ALICE).orElseThrow().nextDueAt()).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
    }

    private void runChores() {
        daemon.dispatcher().dispatchDue(100);
        daemon.sender().sendDue(100);
        daemon.checkIns().prepareDue(100);
    }

    private void receive(String from, String subject, String body, String inReplyTo, boolean autoReply) {
        long id = daemon.inbound().process(daemon.catalog().mailboxId("main"), "INBOX", 1, ++uid,
                TestMail.rawMessage(from, subject, body, inReplyTo, autoReply, clock.instant()));
        assertThat(id).isPositive();
    }

    private Contact contact(ContactSpec spec) {
        return daemon.database().jdbi().inTransaction(handle -> new ContactStore().upsert(handle, spec,
                clock.instant()));
    }

    private Optional<KeepInTouch> keepInTouch(String email) {
        return daemon.database().jdbi().withHandle(handle -> {
            long contactId = new ContactStore().findByEmail(handle, email).orElseThrow().id();
            return new KeepInTouchStore().find(handle, contactId);
        });
    }

}
