package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Closing;
import io.followup.testing.FaultSmtpSink;
import io.followup.testing.FaultSmtpSink.Rule;
import io.followup.testing.FaultSmtpSink.Stage;
import io.followup.testing.MutableClock;
import io.followup.testing.SmtpFault;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sender's rule, one test per SMTP stage and fault, on H2 and MariaDB: before the final dot of DATA a failure
 * is retried; after it, without a verdict, the message is {@code in_doubt} and never sent again; a 5xx fails it at
 * once (at RCPT also suppressing the address, as a hard bounce does); a 4xx delays only that message. After every
 * case the sink must not have kept any Message-ID twice, nor received any twice unless the server refused it first.
 * One daemon per database serves all cases; each case has its own recipient, and the faults apply to it only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderRuleIT {

    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(1);

    private final Map<TestDatabase.Kind, Fixture> fixtures = new EnumMap<>(TestDatabase.Kind.class);
    private final AtomicInteger recipients = new AtomicInteger();

    /** What a case expects of the message after the first try. */
    enum Expect { RETRIED, FAILED, SUPPRESSED, IN_DOUBT }

    static Stream<Arguments> cases() {
        List<Object[]> cases = List.of(
                new Object[] {Stage.MAIL, "451", SmtpFault.code(451), Expect.RETRIED, 451},
                new Object[] {Stage.MAIL, "550", SmtpFault.reply(550, "5.7.1 Sender refused"), Expect.FAILED, 550},
                new Object[] {Stage.MAIL, "drop", SmtpFault.drop(), Expect.RETRIED, -1},
                new Object[] {Stage.MAIL, "timeout", SmtpFault.silence(), Expect.RETRIED, 0},
                new Object[] {Stage.RCPT, "451", SmtpFault.code(451), Expect.RETRIED, 451},
                new Object[] {Stage.RCPT, "452", SmtpFault.code(452), Expect.RETRIED, 452},
                new Object[] {Stage.RCPT, "550", SmtpFault.code(550), Expect.SUPPRESSED, 550},
                new Object[] {Stage.RCPT, "drop", SmtpFault.drop(), Expect.RETRIED, -1},
                new Object[] {Stage.RCPT, "timeout", SmtpFault.silence(), Expect.RETRIED, 0},
                new Object[] {Stage.DATA, "451", SmtpFault.code(451), Expect.RETRIED, 451},
                new Object[] {Stage.DATA, "554", SmtpFault.code(554), Expect.FAILED, 554},
                new Object[] {Stage.DATA, "drop", SmtpFault.drop(), Expect.RETRIED, -1},
                new Object[] {Stage.DATA, "timeout", SmtpFault.silence(), Expect.RETRIED, 0},
                new Object[] {Stage.END_OF_DATA, "451", SmtpFault.code(451), Expect.RETRIED, 451},
                new Object[] {Stage.END_OF_DATA, "554", SmtpFault.code(554), Expect.FAILED, 554},
                new Object[] {Stage.END_OF_DATA, "drop", SmtpFault.drop(), Expect.IN_DOUBT, -1},
                new Object[] {Stage.END_OF_DATA, "timeout", SmtpFault.silence(), Expect.IN_DOUBT, 0},
                new Object[] {Stage.GREETING, "421", SmtpFault.code(421), Expect.RETRIED, 421},
                new Object[] {Stage.GREETING, "554", SmtpFault.code(554), Expect.RETRIED, 554});
        return TestDatabase.kinds().flatMap(kind -> cases.stream().map(values ->
                Arguments.of(kind, values[0], values[1], values[2], values[3], values[4])));
    }

    @ParameterizedTest(name = "{0}: {2} at {1} -> {4}")
    @MethodSource("cases")
    void aFaultAtAStageEndsAsTheRuleSays(TestDatabase.Kind kind, Stage stage, String label, SmtpFault fault,
                                        Expect expect, int code) {
        Fixture fixture = fixture(kind);
        String address = "case" + recipients.incrementAndGet() + "@example.org";
        Rule rule = Rule.at(stage, fault).once();
        // before RCPT the sink cannot know the recipient: only this case's message is due, so "once" scopes it
        fixture.sink.inject(stage == Stage.GREETING || stage == Stage.MAIL ? rule : rule.forRecipient(address));

        OutboundMessage message = fixture.enrollAndSend(address);

        OutboundState expected = switch (expect) {
            case RETRIED -> OutboundState.QUEUED;
            case FAILED, SUPPRESSED -> OutboundState.FAILED;
            case IN_DOUBT -> OutboundState.IN_DOUBT;
        };
        assertThat(message.state()).as(message.lastError()).isEqualTo(expected);
        SmtpOutcome outcome = fixture.outcome(message.id());
        assertThat(outcome.stage()).isEqualTo(switch (stage) {
            case GREETING, EHLO -> SmtpStage.CONNECT;
            case MAIL -> SmtpStage.MAIL;
            case RCPT -> SmtpStage.RCPT;
            case DATA -> SmtpStage.DATA;
            case END_OF_DATA -> SmtpStage.END_OF_DATA;
        });
        assertThat(outcome.code()).as("the reply code, 0 for none").isEqualTo(Math.max(code, 0));
        if (code >= 400 && code != 421 && stage != Stage.GREETING) {
            assertThat(outcome.enhancedStatus()).isNotNull();
        }

        fixture.clock.advance(Duration.ofHours(2));
        fixture.daemon.sender().sendDue(50);
        OutboundMessage after = fixture.message(message.id());
        long kept = fixture.sink.keptByMessageId().getOrDefault(message.messageId(), 0L);
        switch (expect) {
            case RETRIED -> {
                assertThat(after.state()).isEqualTo(OutboundState.SENT);
                assertThat(kept).isEqualTo(1);
            }
            case FAILED, SUPPRESSED -> {
                assertThat(after.state()).isEqualTo(OutboundState.FAILED);
                assertThat(after.sendAttempts()).as("never retried").isEqualTo(1);
                assertThat(kept).isZero();
                assertThat(fixture.enrollmentState(message.enrollmentId())).isEqualTo(EnrollmentState.FAILED);
            }
            case IN_DOUBT -> {
                assertThat(after.state()).isEqualTo(OutboundState.IN_DOUBT);
                assertThat(fixture.sink.received().stream().filter(received ->
                        message.messageId().equals(received.messageId()))).as("one DATA, never a second").hasSize(1);
            }
        }
        assertThat(fixture.suppressed(address)).isEqualTo(expect == Expect.SUPPRESSED);
        assertThat(fixture.sink.keptByMessageId().values()).allMatch(count -> count == 1);
        Map<String, List<FaultSmtpSink.Received>> byId = fixture.sink.received().stream()
                .collect(java.util.stream.Collectors.groupingBy(FaultSmtpSink.Received::messageId));
        byId.forEach((id, receptions) -> assertThat(receptions.subList(0, receptions.size() - 1))
                .as("%s received again only after the server refused it", id).noneMatch(FaultSmtpSink.Received::kept));
    }

    @ParameterizedTest
    @MethodSource(TestDatabase.KINDS)
    void aConnectionDroppedAfterTheFinalDotNeverLeadsToASecondSendOfTheMessage(TestDatabase.Kind kind) {
        Fixture fixture = fixture(kind);
        String address = "dropped" + recipients.incrementAndGet() + "@example.org";
        fixture.sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()).forRecipient(address).once());

        OutboundMessage message = fixture.enrollAndSend(address);
        for (int run = 0; run < 5; run++) {
            fixture.clock.advance(Duration.ofHours(2));
            fixture.daemon.sender().sendDue(50);
        }

        assertThat(fixture.message(message.id()).state()).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(fixture.sink.received()).filteredOn(received -> message.messageId().equals(received.messageId()))
                .hasSize(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabase.KINDS)
    void aRecipientRefusedForGoodAtRcptFailsAtOnceAndIsSuppressed(TestDatabase.Kind kind) {
        Fixture fixture = fixture(kind);
        String address = "unknown" + recipients.incrementAndGet() + "@example.org";
        fixture.sink.inject(Rule.at(Stage.RCPT, SmtpFault.reply(550, "5.1.1 <" + address + ">: user unknown"))
                .forRecipient(address));

        OutboundMessage message = fixture.enrollAndSend(address);

        assertThat(message.state()).isEqualTo(OutboundState.FAILED);
        assertThat(message.lastError()).contains("550 5.1.1");
        assertThat(fixture.outcome(message.id())).isEqualTo(new SmtpOutcome(SmtpStage.RCPT, 550, "5.1.1"));
        assertThat(fixture.daemon.drafts().smtpOutcome(message.id())).map(SmtpOutcome::describe)
                .contains("550 5.1.1 at rcpt");
        assertThat(fixture.enrollmentState(message.enrollmentId())).isEqualTo(EnrollmentState.FAILED);
        assertThat(fixture.suppressed(address)).isTrue();
    }

    @ParameterizedTest
    @MethodSource(TestDatabase.KINDS)
    void aTemporaryRefusalOfOneRecipientDelaysThatMessageButNotTheRestOfTheBatch(TestDatabase.Kind kind) {
        Fixture fixture = fixture(kind);
        int batch = recipients.incrementAndGet();
        List<String> addresses = List.of("first" + batch + "@example.org", "busy" + batch + "@example.org",
                "third" + batch + "@example.org", "fourth" + batch + "@example.org");
        fixture.sink.inject(Rule.at(Stage.RCPT, SmtpFault.code(451)).forRecipient(addresses.get(1)));
        List<Long> enrollments = addresses.stream().map(address -> fixture.daemon.enrollments().enroll(
                ContactSpec.of(address, "Batch Member").withFields(Map.of("met_at", "the fault clinic")),
                TestConfigs.SEQUENCE, "test").id()).toList();
        fixture.daemon.dispatcher().dispatchDue(10);

        int sent = fixture.daemon.sender().sendDue(10);

        assertThat(sent).isEqualTo(3);
        List<OutboundState> states = enrollments.stream().map(id -> fixture.daemon.database().jdbi().withHandle(
                handle -> new OutboxStore().ofEnrollment(handle, id)).get(0).state()).toList();
        assertThat(states).containsExactly(OutboundState.SENT, OutboundState.QUEUED, OutboundState.SENT,
                OutboundState.SENT);
        fixture.sink.clearFaults();
    }

    @AfterAll
    void tearDown() {
        fixtures.values().forEach(Fixture::close);
    }

    private Fixture fixture(TestDatabase.Kind kind) {
        return fixtures.computeIfAbsent(kind, Fixture::new);
    }

    /** A daemon (not started: the test drives dispatch and send) sending to a fault sink. */
    static final class Fixture implements AutoCloseable {

        final FaultSmtpSink sink = FaultSmtpSink.start();
        final TestMail mail = new TestMail();
        final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        final Path base;
        final TestDatabase database;
        final Daemon daemon;

        Fixture(TestDatabase.Kind kind) {
            try {
                base = Files.createTempDirectory("sender-rule");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            database = TestDatabase.create(kind, base);
            AppConfig config = TestConfigs.withSmtp(TestConfigs.aConfig(base, mail, database), sink.port(),
                    SMTP_TIMEOUT);
            daemon = Daemon.open(config, TestConfigs.intro(), clock);
        }

        OutboundMessage enrollAndSend(String address) {
            Enrollment enrollment = daemon.enrollments().enroll(ContactSpec.of(address, "Casey Case")
                    .withFields(Map.of("met_at", "the fault clinic")), TestConfigs.SEQUENCE, "test");
            daemon.dispatcher().dispatchDue(10);
            daemon.sender().sendDue(10);
            List<OutboundMessage> messages = daemon.database().jdbi().withHandle(handle ->
                    new OutboxStore().ofEnrollment(handle, enrollment.id()));
            assertThat(messages).hasSize(1);
            return messages.get(0);
        }

        OutboundMessage message(long id) {
            return daemon.database().jdbi().withHandle(handle -> new OutboxStore().byId(handle, id));
        }

        SmtpOutcome outcome(long id) {
            return daemon.database().jdbi().withHandle(handle -> new OutboxStore().smtpOutcome(handle, id))
                    .orElseThrow();
        }

        EnrollmentState enrollmentState(long id) {
            return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, id)).state();
        }

        boolean suppressed(String address) {
            return daemon.database().jdbi().withHandle(handle -> daemon.suppressions().isSuppressed(handle, address));
        }

        @Override
        public void close() {
            Closing.all(daemon, database, mail, sink);
        }
    }
}
