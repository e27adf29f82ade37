package io.followup.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.IntroducerLoop;
import io.followup.sequence.timing.Wait;
import io.followup.task.Task;
import io.followup.task.TaskKind;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The introducer's loop end to end, against a real database (H2, and MariaDB when configured) and GreenMail, on a
 * clock the test moves: the introducer receives the acknowledgement, "we have connected", the owner's report-back
 * task and the thank-you, in that order and each once, across restarts, with the shipped templates.
 */
class IntroducerLoopIT {

    private static final String IVY = "ivy@example.org";
    private static final String DAN = "dan@example.org";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final IntroducerLoop LOOP = new IntroducerLoop(
            new IntroducerLoop.Note("introductions/acknowledge", Wait.NONE, true), Duration.ofHours(24),
            new IntroducerLoop.Note("introductions/connected", Wait.NONE, true),
            new IntroducerLoop.ReportBack(new EscalationDefinition.Task(TaskKind.NOTE,
                    "Tell $introducer.first_name how the meeting with $contact.first_name went"),
                    new Wait(3, Wait.Unit.DAYS)),
            new IntroducerLoop.Note("introductions/thanks-after-meeting", Wait.NONE, true));

    private TestDaemon followup;
    private long uid = 1_000;

    private void start(TestDaemon testDaemon, IntroducerLoop loop) throws IOException {
        followup = testDaemon.sequences(List.of(TestConfigs.introSequence().withIntroducer(loop)));
        followup.clock().set(START);
        try (Stream<Path> templates = Files.list(Path.of("templates/introductions"))) {
            for (Path template : templates.toList()) {
                TestConfigs.write(followup.base().resolve("templates/introductions").resolve(template.getFileName()),
                        Files.readString(template));
            }
        }
        followup.daemon().database().jdbi().useTransaction(handle -> new ContactStore().upsert(handle,
                ContactSpec.of(IVY, "Ivy Ingram"), START));
    }

    @DaemonTest
    void theIntroducerReceivesTheFourItemsInOrderEachOnceAcrossRestarts(TestDaemon testDaemon) throws Exception {
        start(testDaemon, LOOP);
        Enrollment enrollment = enrollDan();
        assertThat(loop()).as("the acknowledgement, drafted at once for approval").isEqualTo(1);
        OutboundMessage acknowledgement = followup.onlyOutbound(OutboundKind.INTRODUCER);
        assertThat(acknowledgement.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(acknowledgement.toAddress()).isEqualTo(IVY);
        assertThat(acknowledgement.bodyText()).contains("Hi Ivy,").contains("introducing me to Dan Diaz of Acme");
        approveAndSend(acknowledgement);
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan");
        MimeMessage first = followup.mail().receivedBy(DAN).get(0);

        followup.restart();
        assertThat(loop()).isZero();
        followup.clock().advance(Duration.ofHours(2));
        receive(DAN, "Automatic reply: " + first.getSubject(), "I am out of the office until Wednesday.",
                first.getMessageID(), true);
        assertThat(loop()).as("an auto-reply is no connection").isZero();
        assertThat(followup.outbound(OutboundKind.INTRODUCER)).hasSize(1);

        followup.clock().advance(Duration.ofHours(1));
        receive(DAN, "Re: " + first.getSubject(), "Good to meet you, does Thursday work?", first.getMessageID(),
                false);
        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        OutboundMessage connected = followup.outbound(OutboundKind.INTRODUCER).get(1);
        assertThat(connected.state()).as("drafted with the reply").isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(connected.bodyText()).contains("Dan has replied and we are in touch now");
        approveAndSend(connected);
        receive(DAN, "Re: " + first.getSubject(), "PS: 10:00 would be best.", first.getMessageID(), false);
        assertThat(loop()).isZero();
        assertThat(followup.outbound(OutboundKind.INTRODUCER)).as("a second reply is no second connection").hasSize(2);
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan",
                "Dan and I are in touch");

        followup.clock().advance(Duration.ofDays(2));
        assertThat(loop()).as("the report-back is due three days after the reply").isZero();
        assertThat(tasks()).isEmpty();
        followup.restart();
        followup.clock().advance(Duration.ofDays(1));
        assertThat(loop()).isEqualTo(1);
        assertThat(loop()).isZero();
        Task reportBack = tasks().get(0);
        assertThat(tasks()).hasSize(1);
        assertThat(reportBack.kind()).isEqualTo(TaskKind.NOTE);
        assertThat(reportBack.text()).isEqualTo("Tell Ivy how the meeting with Dan went");
        assertThat(followup.outbound(OutboundKind.THANK_YOU)).as("the thank-you waits for the report-back").isEmpty();

        followup.restart();
        followup.daemon().tasks().done(reportBack.id(), "test");
        assertThat(loop()).isEqualTo(1);
        OutboundMessage thanks = followup.onlyOutbound(OutboundKind.THANK_YOU);
        assertThat(thanks.idempotencyKey()).isEqualTo("thanks:" + enrollment.contactId());
        approveAndSend(thanks);

        followup.restart();
        followup.clock().advance(Duration.ofDays(10));
        receive(DAN, "Re: " + first.getSubject(), "Thanks again for the meeting.", first.getMessageID(), false);
        assertThat(loop()).isZero();
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan",
                "Dan and I are in touch", "Thank you for introducing me to Dan");
        assertThat(followup.outbound(OutboundKind.INTRODUCER)).hasSize(2);
        assertThat(followup.outbound(OutboundKind.THANK_YOU)).hasSize(1);
        assertThat(tasks()).hasSize(1);
        assertThat(events()).containsExactly("introducer_acknowledgement_drafted", "introducer_connected_drafted",
                "task_created", "thank_you_drafted");
    }

    @DaemonTest
    void autoRepliesAndBouncesOfTheIntroducedPersonNeverConnect(TestDaemon testDaemon) throws Exception {
        start(testDaemon, LOOP);
        enrollDan();
        loop();
        followup.runChores();
        MimeMessage first = followup.mail().receivedBy(DAN).get(0);

        receive(DAN, "Automatic reply: " + first.getSubject(), "I am on leave and will not read my mail.",
                first.getMessageID(), true);
        followup.clock().advance(Duration.ofDays(4));
        receive(DAN, "Out of office: " + first.getSubject(), "Back next week.", first.getMessageID(), true);
        followup.clock().advance(Duration.ofDays(4));
        loop();

        assertThat(followup.outbound(OutboundKind.INTRODUCER)).as("the acknowledgement only").hasSize(1);
        assertThat(followup.outbound(OutboundKind.THANK_YOU)).isEmpty();
        assertThat(tasks()).isEmpty();
        assertThat(events()).containsExactly("introducer_acknowledgement_drafted");
    }

    @DaemonTest
    void aContactNobodyIntroducedGetsTheStepsAlone(TestDaemon testDaemon) throws Exception {
        start(testDaemon, LOOP);
        Enrollment enrollment = followup.daemon().enrollments().enroll(ContactSpec.of(DAN, "Dan Diaz")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");
        loop();
        followup.runChores();
        MimeMessage first = followup.mail().receivedBy(DAN).get(0);
        receive(DAN, "Re: " + first.getSubject(), "Hello!", first.getMessageID(), false);
        followup.clock().advance(Duration.ofDays(5));
        loop();

        assertThat(followup.state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        assertThat(followup.outbound(OutboundKind.INTRODUCER)).isEmpty();
        assertThat(followup.outbound(OutboundKind.THANK_YOU)).isEmpty();
        assertThat(tasks()).isEmpty();
    }

    @DaemonTest
    void withoutApprovalTheAcknowledgementIsQueuedAndSentWithinItsPromise(TestDaemon testDaemon) throws Exception {
        start(testDaemon, new IntroducerLoop(new IntroducerLoop.Note("introductions/acknowledge",
                new Wait(2, Wait.Unit.HOURS), false), Duration.ofHours(24), null, null, null));
        enrollDan();
        assertThat(loop()).as("not due before its wait").isZero();
        followup.clock().advance(Duration.ofHours(2));
        assertThat(loop()).isEqualTo(1);
        assertThat(followup.onlyOutbound(OutboundKind.INTRODUCER).state()).isEqualTo(OutboundState.QUEUED);
        followup.runChores();
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan");
    }

    @DaemonTest
    void aCsvImportWithAnIntroducedByColumnAcknowledgesTheIntroducerOfItsRowsThatNameOne(TestDaemon testDaemon)
            throws Exception {
        start(testDaemon, LOOP);
        Path file = followup.base().resolve("people.csv");
        Files.writeString(file, """
                email,name,company,introduced_by,field:met_at
                dan@example.org,Dan Diaz,Acme,ivy@example.org,Ivy's dinner
                eve@example.org,Eve Evans,Globex,,the Lisbon meetup
                """);
        followup.daemon().enrollments().importCsv(file, TestConfigs.SEQUENCE, false);

        assertThat(loop()).isEqualTo(1);
        assertThat(loop()).isZero();
        OutboundMessage acknowledgement = followup.onlyOutbound(OutboundKind.INTRODUCER);
        assertThat(acknowledgement.toAddress()).isEqualTo(IVY);
        assertThat(acknowledgement.bodyText()).contains("introducing me to Dan Diaz of Acme");
    }

    @DaemonTest
    void anAcknowledgementFoundPastItsPromiseWaitsForApprovalWithTheReason(TestDaemon testDaemon) throws Exception {
        start(testDaemon, new IntroducerLoop(new IntroducerLoop.Note("introductions/acknowledge", Wait.NONE, false),
                Duration.ofHours(24), null, null, null));
        enrollDan();
        followup.clock().advance(Duration.ofHours(30));

        assertThat(loop()).isEqualTo(1);
        OutboundMessage late = followup.onlyOutbound(OutboundKind.INTRODUCER);
        assertThat(late.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        String detail = followup.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'introducer_acknowledgement_drafted'")
                .mapTo(String.class).one());
        assertThat(detail).contains("found late: introduced 30 h ago, past the 24 h promise");
        followup.runChores();
        assertThat(followup.mail().receivedBy(IVY)).isEmpty();
    }

    private Enrollment enrollDan() {
        return followup.daemon().enrollments().enroll(new ContactSpec(DAN, "Dan Diaz", null, null, "Acme", null,
                null, null, List.of(), Map.of("met_at", "Ivy's dinner"), IVY), TestConfigs.SEQUENCE, "test");
    }

    private int loop() {
        return followup.daemon().introductions().runDue(100);
    }

    private void approveAndSend(OutboundMessage draft) {
        followup.daemon().drafts().approve(draft.id(), "owner");
        followup.runChores();
    }

    private void receive(String from, String subject, String body, String inReplyTo, boolean autoReply) {
        Daemon daemon = followup.daemon();
        long id = daemon.inbound().process(daemon.catalog().mailboxId("main"), "INBOX", 1, ++uid,
                TestMail.rawMessage(from, subject, body, inReplyTo, autoReply, followup.clock().instant()));
        assertThat(id).isPositive();
    }

    private List<String> subjectsReceivedBy(String address) throws MessagingException {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : followup.mail().receivedBy(address)) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private List<Task> tasks() {
        return followup.daemon().tasks().list(true, 10).stream().map(listed -> listed.task()).toList();
    }

    /** The loop's events, in the order they happened. */
    private List<String> events() {
        return followup.daemon().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT event FROM event_log WHERE event IN ('introducer_acknowledgement_drafted',
                            'introducer_connected_drafted', 'task_created', 'thank_you_drafted') ORDER BY id""")
                .mapTo(String.class).list());
    }
}
