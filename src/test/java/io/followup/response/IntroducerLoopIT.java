package io.followup.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.contact.ContactStore;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.IntroducerLoop;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.task.Task;
import io.followup.task.TaskKind;
import io.followup.testing.Closing;
import io.followup.testing.SequenceDriver;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    @TempDir
    Path base;

    private SequenceDriver driver;
    private long uid = 1_000;

    @AfterEach
    void tearDown() {
        Closing.all(driver);
    }

    private void start(TestDatabase.Kind kind, IntroducerLoop loop) throws IOException {
        try (Stream<Path> templates = Files.list(Path.of("templates/introductions"))) {
            for (Path template : templates.toList()) {
                TestConfigs.write(base.resolve("templates/introductions").resolve(template.getFileName()),
                        Files.readString(template));
            }
        }
        driver = new SequenceDriver(kind, base, START, List.of(TestConfigs.introSequence().withIntroducer(loop)));
        driver.daemon().database().jdbi().useTransaction(handle -> new ContactStore().upsert(handle,
                ContactSpec.of(IVY, "Ivy Ingram"), START));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void theIntroducerReceivesTheFourItemsInOrderEachOnceAcrossRestarts(TestDatabase.Kind kind) throws Exception {
        start(kind, LOOP);
        Enrollment enrollment = enrollDan();
        assertThat(loop()).as("the acknowledgement, drafted at once for approval").isEqualTo(1);
        OutboundMessage acknowledgement = only(OutboundKind.INTRODUCER);
        assertThat(acknowledgement.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(acknowledgement.toAddress()).isEqualTo(IVY);
        assertThat(acknowledgement.bodyText()).contains("Hi Ivy,").contains("introducing me to Dan Diaz of Acme");
        approveAndSend(acknowledgement);
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan");
        MimeMessage first = driver.mail.receivedBy(DAN).get(0);

        driver.restart();
        assertThat(loop()).isZero();
        driver.clock.advance(Duration.ofHours(2));
        receive(DAN, "Automatic reply: " + first.getSubject(), "I am out of the office until Wednesday.",
                first.getMessageID(), true);
        assertThat(loop()).as("an auto-reply is no connection").isZero();
        assertThat(outbound(OutboundKind.INTRODUCER)).hasSize(1);

        driver.clock.advance(Duration.ofHours(1));
        receive(DAN, "Re: " + first.getSubject(), "Good to meet you, does Thursday work?", first.getMessageID(),
                false);
        assertThat(state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        OutboundMessage connected = outbound(OutboundKind.INTRODUCER).get(1);
        assertThat(connected.state()).as("drafted with the reply").isEqualTo(OutboundState.PENDING_APPROVAL);
        assertThat(connected.bodyText()).contains("Dan has replied and we are in touch now");
        approveAndSend(connected);
        receive(DAN, "Re: " + first.getSubject(), "PS: 10:00 would be best.", first.getMessageID(), false);
        assertThat(loop()).isZero();
        assertThat(outbound(OutboundKind.INTRODUCER)).as("a second reply is no second connection").hasSize(2);
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan",
                "Dan and I are in touch");

        driver.clock.advance(Duration.ofDays(2));
        assertThat(loop()).as("the report-back is due three days after the reply").isZero();
        assertThat(tasks()).isEmpty();
        driver.restart();
        driver.clock.advance(Duration.ofDays(1));
        assertThat(loop()).isEqualTo(1);
        assertThat(loop()).isZero();
        Task reportBack = tasks().get(0);
        assertThat(tasks()).hasSize(1);
        assertThat(reportBack.kind()).isEqualTo(TaskKind.NOTE);
        assertThat(reportBack.text()).isEqualTo("Tell Ivy how the meeting with Dan went");
        assertThat(outbound(OutboundKind.THANK_YOU)).as("the thank-you waits for the report-back").isEmpty();

        driver.restart();
        driver.daemon().tasks().done(reportBack.id(), "test");
        assertThat(loop()).isEqualTo(1);
        OutboundMessage thanks = only(OutboundKind.THANK_YOU);
        assertThat(thanks.idempotencyKey()).isEqualTo("thanks:" + enrollment.contactId());
        approveAndSend(thanks);

        driver.restart();
        driver.clock.advance(Duration.ofDays(10));
        receive(DAN, "Re: " + first.getSubject(), "Thanks again for the meeting.", first.getMessageID(), false);
        assertThat(loop()).isZero();
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan",
                "Dan and I are in touch", "Thank you for introducing me to Dan");
        assertThat(outbound(OutboundKind.INTRODUCER)).hasSize(2);
        assertThat(outbound(OutboundKind.THANK_YOU)).hasSize(1);
        assertThat(tasks()).hasSize(1);
        assertThat(events()).containsExactly("introducer_acknowledgement_drafted", "introducer_connected_drafted",
                "task_created", "thank_you_drafted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void autoRepliesAndBouncesOfTheIntroducedPersonNeverConnect(TestDatabase.Kind kind) throws Exception {
        start(kind, LOOP);
        enrollDan();
        loop();
        driver.runChores();
        MimeMessage first = driver.mail.receivedBy(DAN).get(0);

        receive(DAN, "Automatic reply: " + first.getSubject(), "I am on leave and will not read my mail.",
                first.getMessageID(), true);
        driver.clock.advance(Duration.ofDays(4));
        receive(DAN, "Out of office: " + first.getSubject(), "Back next week.", first.getMessageID(), true);
        driver.clock.advance(Duration.ofDays(4));
        loop();

        assertThat(outbound(OutboundKind.INTRODUCER)).as("the acknowledgement only").hasSize(1);
        assertThat(outbound(OutboundKind.THANK_YOU)).isEmpty();
        assertThat(tasks()).isEmpty();
        assertThat(events()).containsExactly("introducer_acknowledgement_drafted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aContactNobodyIntroducedGetsTheStepsAlone(TestDatabase.Kind kind) throws Exception {
        start(kind, LOOP);
        Enrollment enrollment = driver.daemon().enrollments().enroll(ContactSpec.of(DAN, "Dan Diaz")
                .withFields(Map.of("met_at", "the Lisbon meetup")), TestConfigs.SEQUENCE, "test");
        loop();
        driver.runChores();
        MimeMessage first = driver.mail.receivedBy(DAN).get(0);
        receive(DAN, "Re: " + first.getSubject(), "Hello!", first.getMessageID(), false);
        driver.clock.advance(Duration.ofDays(5));
        loop();

        assertThat(state(enrollment.id())).isEqualTo(EnrollmentState.STOPPED);
        assertThat(outbound(OutboundKind.INTRODUCER)).isEmpty();
        assertThat(outbound(OutboundKind.THANK_YOU)).isEmpty();
        assertThat(tasks()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void withoutApprovalTheAcknowledgementIsQueuedAndSentWithinItsPromise(TestDatabase.Kind kind) throws Exception {
        start(kind, new IntroducerLoop(new IntroducerLoop.Note("introductions/acknowledge",
                new Wait(2, Wait.Unit.HOURS), false), Duration.ofHours(24), null, null, null));
        enrollDan();
        assertThat(loop()).as("not due before its wait").isZero();
        driver.clock.advance(Duration.ofHours(2));
        assertThat(loop()).isEqualTo(1);
        assertThat(only(OutboundKind.INTRODUCER).state()).isEqualTo(OutboundState.QUEUED);
        driver.runChores();
        assertThat(subjectsReceivedBy(IVY)).containsExactly("Thank you for the introduction to Dan");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void aCsvImportWithAnIntroducedByColumnAcknowledgesTheIntroducerOfItsRowsThatNameOne(TestDatabase.Kind kind)
            throws Exception {
        start(kind, LOOP);
        Path file = base.resolve("people.csv");
        Files.writeString(file, """
                email,name,company,introduced_by,field:met_at
                dan@example.org,Dan Diaz,Acme,ivy@example.org,Ivy's dinner
                eve@example.org,Eve Evans,Globex,,the Lisbon meetup
                """);
        driver.daemon().enrollments().importCsv(file, TestConfigs.SEQUENCE, false);

        assertThat(loop()).isEqualTo(1);
        assertThat(loop()).isZero();
        OutboundMessage acknowledgement = only(OutboundKind.INTRODUCER);
        assertThat(acknowledgement.toAddress()).isEqualTo(IVY);
        assertThat(acknowledgement.bodyText()).contains("introducing me to Dan Diaz of Acme");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestDatabase.KINDS)
    void anAcknowledgementFoundPastItsPromiseWaitsForApprovalWithTheReason(TestDatabase.Kind kind) throws Exception {
        start(kind, new IntroducerLoop(new IntroducerLoop.Note("introductions/acknowledge", Wait.NONE, false),
                Duration.ofHours(24), null, null, null));
        enrollDan();
        driver.clock.advance(Duration.ofHours(30));

        assertThat(loop()).isEqualTo(1);
        OutboundMessage late = only(OutboundKind.INTRODUCER);
        assertThat(late.state()).isEqualTo(OutboundState.PENDING_APPROVAL);
        String detail = driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT detail FROM event_log WHERE event = 'introducer_acknowledgement_drafted'")
                .mapTo(String.class).one());
        assertThat(detail).contains("found late: introduced 30 h ago, past the 24 h promise");
        driver.runChores();
        assertThat(driver.mail.receivedBy(IVY)).isEmpty();
    }

    private Enrollment enrollDan() {
        return driver.daemon().enrollments().enroll(new ContactSpec(DAN, "Dan Diaz", null, null, "Acme", null,
                null, null, List.of(), Map.of("met_at", "Ivy's dinner"), IVY), TestConfigs.SEQUENCE, "test");
    }

    private int loop() {
        return driver.daemon().introductions().runDue(100);
    }

    private void approveAndSend(OutboundMessage draft) {
        driver.daemon().drafts().approve(draft.id(), "owner");
        driver.runChores();
    }

    private void receive(String from, String subject, String body, String inReplyTo, boolean autoReply) {
        Daemon daemon = driver.daemon();
        long id = daemon.inbound().process(daemon.catalog().mailboxId("main"), "INBOX", 1, ++uid,
                SequenceDriver.rawMessage(from, subject, body, inReplyTo, autoReply, driver.clock.instant()));
        assertThat(id).isPositive();
    }

    private List<String> subjectsReceivedBy(String address) throws MessagingException {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : driver.mail.receivedBy(address)) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private EnrollmentState state(long enrollmentId) {
        return driver.daemon().database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle,
                enrollmentId)).state();
    }

    private List<OutboundMessage> outbound(OutboundKind kind) {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM outbound_message WHERE kind = :kind ORDER BY id")
                .bind("kind", kind.db()).mapTo(Long.class).list().stream()
                .map(id -> new OutboxStore().byId(handle, id)).toList());
    }

    private OutboundMessage only(OutboundKind kind) {
        List<OutboundMessage> messages = outbound(kind);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private List<Task> tasks() {
        return driver.daemon().tasks().list(true, 10).stream().map(listed -> listed.task()).toList();
    }

    /** The loop's events, in the order they happened. */
    private List<String> events() {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT event FROM event_log WHERE event IN ('introducer_acknowledgement_drafted',
                            'introducer_connected_drafted', 'task_created', 'thank_you_drafted') ORDER BY id""")
                .mapTo(String.class).list());
    }
}
