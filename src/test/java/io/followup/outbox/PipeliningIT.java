package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.contact.ContactSpec;
import io.followup.testing.FaultSmtpSink;
import io.followup.testing.FaultSmtpSink.Rule;
import io.followup.testing.FaultSmtpSink.Stage;
import io.followup.testing.SmtpFault;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP PIPELINING (RFC 2920) on the send path, on H2 and MariaDB: to a server that offers it, MAIL, RCPT and DATA
 * of each message go out in one write; to one that does not, one command at a time. A fault in the middle of a
 * pipelined batch (a refused RCPT or MAIL, a 4xx/5xx to DATA, a connection dropped at RCPT or after the final dot)
 * is recorded at its own stage for that message only, loses no other message of the batch and sends nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipeliningIT {

    private static final int BATCH = 6;
    /** The message of the batch the fault hits (1-based, by address). */
    private static final int FAULTY = 3;

    private final Map<TestDatabase.Kind, SenderRuleIT.Fixture> fixtures = new EnumMap<>(TestDatabase.Kind.class);
    private final AtomicInteger batches = new AtomicInteger();

    @ParameterizedTest
    @MethodSource(TestDatabase.KINDS)
    void aServerOfferingPipeliningGetsEachMessagesCommandsInOneWriteAndEveryMessageOnce(TestDatabase.Kind kind) {
        SenderRuleIT.Fixture fixture = fixture(kind);
        int pipelinedBefore = fixture.sink.pipelinedMails();

        List<OutboundMessage> messages = sendBatch(fixture, addresses("piped"));

        assertThat(messages).extracting(OutboundMessage::state).containsOnly(OutboundState.SENT);
        assertThat(fixture.sink.pipelinedMails() - pipelinedBefore).as("MAIL commands that came pipelined")
                .isEqualTo(BATCH);
        assertReceivedOnceEach(fixture, messages);
    }

    @ParameterizedTest
    @MethodSource(TestDatabase.KINDS)
    void aServerWithoutPipeliningGetsOneCommandAtATime(TestDatabase.Kind kind) {
        try (SenderRuleIT.Fixture fixture = new SenderRuleIT.Fixture(kind)) {
            fixture.sink.advertise(false, true);

            List<OutboundMessage> messages = sendBatch(fixture, addresses("plain"));

            assertThat(messages).extracting(OutboundMessage::state).containsOnly(OutboundState.SENT);
            assertThat(fixture.sink.pipelinedMails()).as("MAIL commands that came pipelined").isZero();
            assertReceivedOnceEach(fixture, messages);
        }
    }

    static Stream<Arguments> faults() {
        List<Object[]> faults = List.of(
                new Object[] {Stage.RCPT, "550", SmtpFault.code(550), OutboundState.FAILED, SmtpStage.RCPT, 550},
                new Object[] {Stage.RCPT, "451", SmtpFault.code(451), OutboundState.QUEUED, SmtpStage.RCPT, 451},
                new Object[] {Stage.RCPT, "drop", SmtpFault.drop(), OutboundState.QUEUED, SmtpStage.RCPT, 0},
                new Object[] {Stage.DATA, "451", SmtpFault.code(451), OutboundState.QUEUED, SmtpStage.DATA, 451},
                new Object[] {Stage.DATA, "554", SmtpFault.code(554), OutboundState.FAILED, SmtpStage.DATA, 554},
                new Object[] {Stage.END_OF_DATA, "drop", SmtpFault.drop(), OutboundState.IN_DOUBT,
                        SmtpStage.END_OF_DATA, 0});
        return TestDatabase.kinds().flatMap(kind -> faults.stream().map(values ->
                Arguments.of(kind, values[0], values[1], values[2], values[3], values[4], values[5])));
    }

    @ParameterizedTest(name = "{0}: {2} at {1} of message " + FAULTY + " -> {3}")
    @MethodSource("faults")
    void aFaultInTheMiddleOfAPipelinedBatchHitsOnlyItsMessageAndSendsNothingTwice(
            TestDatabase.Kind kind, Stage stage, String label, SmtpFault fault, OutboundState first,
            SmtpStage recordedStage, int code) {
        SenderRuleIT.Fixture fixture = fixture(kind);
        List<String> addresses = addresses(stage.name().toLowerCase(java.util.Locale.ROOT) + label);
        String faulty = addresses.get(FAULTY - 1);
        fixture.sink.inject(Rule.at(stage, fault).forRecipient(faulty).once());
        int pipelinedBefore = fixture.sink.pipelinedMails();

        List<OutboundMessage> messages = sendBatch(fixture, addresses);

        OutboundMessage hit = messages.get(FAULTY - 1);
        assertThat(hit.state()).as(hit.lastError()).isEqualTo(first);
        SmtpOutcome outcome = fixture.outcome(hit.id());
        assertThat(outcome.stage()).as("the fault is recorded at its own stage").isEqualTo(recordedStage);
        assertThat(outcome.code()).as("the reply code, 0 for none").isEqualTo(code);
        assertThat(fixture.sink.pipelinedMails()).as("the batch was pipelined").isGreaterThan(pipelinedBefore);

        List<OutboundMessage> after = drain(fixture, messages);
        OutboundState last = first == OutboundState.QUEUED ? OutboundState.SENT : first;
        assertThat(after.get(FAULTY - 1).state()).isEqualTo(last);
        assertThat(fixture.suppressed(faulty)).as("a 5xx at RCPT suppresses the address")
                .isEqualTo(stage == Stage.RCPT && code == 550);
        for (int i = 0; i < BATCH; i++) {
            if (i != FAULTY - 1) {
                assertThat(after.get(i).state()).as("message %d of the batch", i + 1).isEqualTo(OutboundState.SENT);
            }
        }
        assertReceivedOnceEach(fixture, after.stream().filter(message -> message.state() == OutboundState.SENT)
                .toList());
        if (first == OutboundState.IN_DOUBT) {
            assertThat(fixture.sink.received()).filteredOn(received -> hit.messageId().equals(received.messageId()))
                    .as("one DATA for the message in doubt, never a second").hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabase.KINDS)
    void aMailFromRefusedInThePipelineDelaysThatMessageOnly(TestDatabase.Kind kind) {
        SenderRuleIT.Fixture fixture = fixture(kind);
        AtomicInteger mails = new AtomicInteger();
        fixture.sink.inject(exchange -> exchange.stage() == Stage.MAIL && mails.incrementAndGet() == FAULTY
                ? SmtpFault.code(451) : null);

        List<OutboundMessage> messages = sendBatch(fixture, addresses("mail451"));

        List<OutboundMessage> delayed = messages.stream().filter(message -> message.state() != OutboundState.SENT)
                .toList();
        assertThat(delayed).hasSize(1);
        assertThat(delayed.get(0).state()).isEqualTo(OutboundState.QUEUED);
        assertThat(fixture.outcome(delayed.get(0).id())).isEqualTo(new SmtpOutcome(SmtpStage.MAIL, 451, "4.3.0"));
        List<OutboundMessage> after = drain(fixture, messages);
        assertThat(after).extracting(OutboundMessage::state).containsOnly(OutboundState.SENT);
        assertReceivedOnceEach(fixture, after);
    }

    @AfterAll
    void tearDown() {
        fixtures.values().forEach(SenderRuleIT.Fixture::close);
    }

    private SenderRuleIT.Fixture fixture(TestDatabase.Kind kind) {
        return fixtures.computeIfAbsent(kind, SenderRuleIT.Fixture::new);
    }

    private List<String> addresses(String prefix) {
        int batch = batches.incrementAndGet();
        return IntStream.rangeClosed(1, BATCH).mapToObj(i -> prefix + batch + "-" + i + "@example.org").toList();
    }

    /**
     * Enrolls one contact per address, drafts their first messages and sends them in one pass (one claim batch);
     * returns the messages in the order of the addresses.
     */
    private static List<OutboundMessage> sendBatch(SenderRuleIT.Fixture fixture, List<String> addresses) {
        List<Long> enrollments = addresses.stream().map(address -> fixture.daemon.enrollments().enroll(
                ContactSpec.of(address, "Pipe Line").withFields(Map.of("met_at", "the pipelining clinic")),
                TestConfigs.SEQUENCE, "test").id()).toList();
        fixture.daemon.dispatcher().dispatchDue(BATCH);
        fixture.daemon.sender().sendDue(BATCH);
        return enrollments.stream().map(id -> fixture.daemon.database().jdbi().withHandle(handle ->
                new OutboxStore().ofEnrollment(handle, id)).get(0)).toList();
    }

    /** Lets the retry delays pass and sends until nothing of {@code messages} is queued (at most five passes). */
    private static List<OutboundMessage> drain(SenderRuleIT.Fixture fixture, List<OutboundMessage> messages) {
        List<OutboundMessage> now = messages;
        for (int pass = 0; pass < 5 && now.stream().anyMatch(message -> message.state() == OutboundState.QUEUED);
             pass++) {
            fixture.clock.advance(Duration.ofHours(2));
            fixture.daemon.sender().sendDue(50);
            now = now.stream().map(message -> fixture.message(message.id())).toList();
        }
        return now;
    }

    /** Each of {@code sent} was kept by the sink exactly once, and nothing the sink kept was kept twice. */
    private static void assertReceivedOnceEach(SenderRuleIT.Fixture fixture, List<OutboundMessage> sent) {
        Map<String, Long> kept = fixture.sink.keptByMessageId();
        assertThat(sent).allSatisfy(message -> assertThat(kept.get(message.messageId()))
                .as("times %s was kept", message.messageId()).isEqualTo(1L));
        assertThat(kept.values()).allMatch(count -> count == 1);
        Map<String, List<FaultSmtpSink.Received>> byId = fixture.sink.received().stream()
                .collect(Collectors.groupingBy(received -> String.valueOf(received.messageId())));
        byId.forEach((id, receptions) -> assertThat(receptions.subList(0, receptions.size() - 1))
                .as("%s received again only after the server refused it", id).noneMatch(FaultSmtpSink.Received::kept));
    }
}
