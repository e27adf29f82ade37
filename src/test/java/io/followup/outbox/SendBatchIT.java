package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.SmtpConfig;
import io.followup.contact.ContactSpec;
import io.followup.store.EventLog;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sender's batches ({@link OutboxSender#CLAIM_BATCH} messages claimed together, sent over one kept connection,
 * recorded together): a failure of one message of a batch neither loses nor duplicates the others, and a batch's
 * results are committed before the next batch is claimed, on H2 and MariaDB.
 */
class SendBatchIT {

    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(1);

    @ParameterizedTest
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void aReusedConnectionThatDiesAfterTheFinalDotMarksExactlyThatMessageInDoubt(TestDatabase.Kind kind)
            throws Exception {
        try (Fixture fixture = new Fixture(kind)) {
            List<String> addresses = List.of("one@example.org", "two@example.org", "dies@example.org",
                    "four@example.org", "five@example.org");
            fixture.sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()).forRecipient("dies@example.org").once());
            List<Long> ids = fixture.queue(addresses);

            int sent = fixture.daemon.sender().sendDue(50);

            assertThat(sent).isEqualTo(2);
            assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                    OutboundState.IN_DOUBT, OutboundState.QUEUED, OutboundState.QUEUED);
            FaultSmtpSink.Received dead = fixture.receivedBy("dies@example.org").get(0);
            FaultSmtpSink.Received first = fixture.receivedBy("one@example.org").get(0);
            assertThat(dead.connection()).as("the connection of the earlier messages, kept open")
                    .isEqualTo(first.connection());
            List<OutboundMessage> released = fixture.messages(ids.subList(3, 5));
            assertThat(released).allSatisfy(message -> assertThat(message.sendAttempts())
                    .as("a claim given back is not an attempt").isZero());

            fixture.clock.advance(Duration.ofMinutes(5));
            assertThat(fixture.daemon.sender().sendDue(50)).isEqualTo(2);
            fixture.clock.advance(Duration.ofHours(2));
            fixture.daemon.sender().sendDue(50);

            assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                    OutboundState.IN_DOUBT, OutboundState.SENT, OutboundState.SENT);
            for (String address : addresses) {
                assertThat(fixture.receivedBy(address)).as(address).hasSize(1);
            }
            assertThat(fixture.sink.repeatedMessageIds()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void aFailureRecordingOneSentMessageOfABatchDoesNotLoseOrDuplicateTheOthers(TestDatabase.Kind kind)
            throws Exception {
        try (Fixture fixture = new Fixture(kind)) {
            List<String> addresses = List.of("a@example.org", "b@example.org", "broken@example.org",
                    "d@example.org");
            List<Long> ids = fixture.queue(addresses);
            Set<Long> told = ConcurrentHashMap.newKeySet();
            SendListener listener = new SendListener() {
                @Override
                public void sent(Handle handle, OutboundMessage message, Instant now) {
                    if (message.toAddress().startsWith("broken")) {
                        throw new IllegalStateException("the listener fails for " + message.toAddress());
                    }
                    // told again when the batch's transaction rolled back and the message is recorded alone
                    told.add(message.id());
                }

                @Override
                public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
                }
            };
            MimeBuilder mime = new MimeBuilder();
            try (OutboxSender sender = new OutboxSender(fixture.daemon.database().jdbi(), fixture.clock, "batch-test",
                    new OutboxStore(), new EventLog(), fixture.daemon.catalog()::mailbox,
                    mailbox -> new SmtpMailer(mailbox, mime, fixture.clock), listener, List.of())) {

                int sent = sender.sendDue(50);

                assertThat(sent).isEqualTo(3);
                assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                        OutboundState.SENDING, OutboundState.SENT);
                assertThat(told).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(3));

                fixture.clock.advance(Duration.ofHours(2));
                assertThat(sender.sendDue(50)).as("nothing is sent twice").isZero();
            }
            assertThat(new OutboxRecovery(fixture.daemon.database().jdbi(), fixture.clock, "batch-test",
                    new OutboxStore(), new EventLog()).recoverOwn()).isEqualTo(1);
            assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                    OutboundState.IN_DOUBT, OutboundState.SENT);
            for (String address : addresses) {
                assertThat(fixture.receivedBy(address)).as(address).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void atMostOneBatchIsInSendingWhenAMessageGoesToTheServer(TestDatabase.Kind kind) throws Exception {
        try (Fixture fixture = new Fixture(kind)) {
            int count = OutboxSender.CLAIM_BATCH * 2 + 5;
            List<Long> ids = fixture.queue(java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> "member" + i + "@example.org").toList());
            org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
            List<int[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            // built right before its SMTP transaction: what a kill -9 at that moment would leave in sending
            MimeBuilder mime = new MimeBuilder(null, (message, built) -> seen.add(jdbi.withHandle(handle ->
                    new int[] {count(handle, "sending"), count(handle, "sent")})));
            try (OutboxSender sender = new OutboxSender(jdbi, fixture.clock, "batch-test", new OutboxStore(),
                    new EventLog(), fixture.daemon.catalog()::mailbox,
                    mailbox -> new SmtpMailer(mailbox, mime, fixture.clock), fixture.listener(), List.of())) {

                assertThat(sender.sendDue(count)).isEqualTo(count);
            }

            assertThat(seen).hasSize(count);
            for (int i = 0; i < count; i++) {
                int batchStart = i - i % OutboxSender.CLAIM_BATCH;
                assertThat(seen.get(i)[0]).as("messages in sending when message %d went out", i)
                        .isLessThanOrEqualTo(OutboxSender.CLAIM_BATCH);
                assertThat(seen.get(i)[1]).as("the earlier batches recorded sent before message %d went out", i)
                        .isEqualTo(batchStart);
            }
            assertThat(fixture.states(ids)).containsOnly(OutboundState.SENT);
            assertThat(fixture.sink.repeatedMessageIds()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void aProcessKilledMidBatchLeavesOnlyTheMessageOnTheWireInDoubtWhenItsJournalIsTrusted(TestDatabase.Kind kind)
            throws Exception {
        try (Fixture fixture = new Fixture(kind)) {
            List<String> addresses = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> "member" + i + "@example.org").toList();
            List<Long> ids = fixture.queue(addresses);
            org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
            Path journalDir = Files.createTempDirectory("send-journal");
            java.util.function.Function<java.util.Collection<Long>, Set<Long>> stillSending = candidates ->
                    jdbi.withHandle(handle -> new OutboxStore().stillSending(handle, candidates));
            java.util.concurrent.CountDownLatch onTheWire = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            // the fourth message hangs while it is being built for SMTP: a kill -9 at that moment leaves the first
            // three accepted but not yet recorded, the fourth begun, the other four claimed and never attempted
            MimeBuilder mime = new MimeBuilder(null, (message, built) -> {
                if (message.toAddress().equals("member3@example.org") && onTheWire.getCount() > 0) {
                    onTheWire.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // no RuntimeException (the sender would record it and go on with its batch): the thread dies
                    throw new Error("the process was killed here");
                }
            });
            OutboxSender killed = new OutboxSender(jdbi, fixture.clock, "batch-test", new OutboxStore(),
                    new EventLog(), fixture.daemon.catalog()::mailbox,
                    mailbox -> new SmtpMailer(mailbox, mime, fixture.clock), fixture.listener(), List.of());
            SendJournal first = new SendJournal(journalDir, "batch-test", "boot-1", stillSending);
            new OutboxRecovery(jdbi, fixture.clock, "batch-test", new OutboxStore(), new EventLog(), first,
                    fixture.listener()).recoverOwn(); // the journal of the run about to be killed
            killed.journal(first);
            Thread sending = new Thread(() -> killed.sendDue(50), "killed-sender");
            sending.setUncaughtExceptionHandler((thread, death) -> { });
            sending.setDaemon(true);
            sending.start();
            assertThat(onTheWire.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(fixture.states(ids)).containsOnly(OutboundState.SENDING);

            // the next start of the same node, same boot
            SendJournal next = new SendJournal(journalDir, "batch-test", "boot-1", stillSending);
            int inDoubt = new OutboxRecovery(jdbi, fixture.clock, "batch-test", new OutboxStore(), new EventLog(),
                    next, fixture.listener()).recoverOwn();

            assertThat(inDoubt).isEqualTo(1);
            assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                    OutboundState.SENT, OutboundState.IN_DOUBT, OutboundState.QUEUED, OutboundState.QUEUED,
                    OutboundState.QUEUED, OutboundState.QUEUED);
            assertThat(fixture.messages(ids.subList(0, 3))).allSatisfy(message ->
                    assertThat(message.sentAt()).isNotNull());
            try (OutboxSender restarted = new OutboxSender(jdbi, fixture.clock, "batch-test", new OutboxStore(),
                    new EventLog(), fixture.daemon.catalog()::mailbox,
                    mailbox -> new SmtpMailer(mailbox, new MimeBuilder(), fixture.clock), fixture.listener(),
                    List.of()).journal(next)) {
                assertThat(restarted.sendDue(50)).isEqualTo(4);
            }
            never.countDown();
            sending.join(30_000);
            killed.close();

            assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                    OutboundState.SENT, OutboundState.IN_DOUBT, OutboundState.SENT, OutboundState.SENT,
                    OutboundState.SENT, OutboundState.SENT);
            for (int i = 0; i < addresses.size(); i++) {
                assertThat(fixture.receivedBy(addresses.get(i))).as(addresses.get(i)).hasSize(i == 3 ? 0 : 1);
            }
            assertThat(fixture.sink.repeatedMessageIds()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.followup.testing.TestDatabase#kinds")
    void aJournalFromAnotherBootSettlesNothingAndEveryAbandonedClaimIsInDoubt(TestDatabase.Kind kind)
            throws Exception {
        try (Fixture fixture = new Fixture(kind)) {
            List<Long> ids = fixture.queue(List.of("one@example.org", "two@example.org", "three@example.org"));
            org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
            Path journalDir = Files.createTempDirectory("send-journal");
            SendJournal before = new SendJournal(journalDir, "batch-test", "boot-1", candidates -> Set.of());
            before.start();
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbound_message SET state = 'sending', "
                    + "claimed_by = 'batch-test', sending_at = 1 WHERE id IN (<ids>)").bindList("ids", ids).execute());
            before.accepted(ids.get(0), SmtpReply.of(250, "250 2.0.0 Ok"), fixture.clock.instant());
            before.close();

            // the machine restarted: what the page cache held may be gone, so nothing in the journal is believed
            int inDoubt = new OutboxRecovery(jdbi, fixture.clock, "batch-test", new OutboxStore(), new EventLog(),
                    new SendJournal(journalDir, "batch-test", "boot-2", candidates -> Set.of()), fixture.listener())
                    .recoverOwn();

            assertThat(inDoubt).isEqualTo(3);
            assertThat(fixture.states(ids)).containsOnly(OutboundState.IN_DOUBT);
        }
    }

    private static int count(Handle handle, String state) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE state = :state")
                .bind("state", state).mapTo(Integer.class).one();
    }

    /** A daemon (not started) sending to a fault sink, and drafts queued for a few recipients. */
    private static final class Fixture implements AutoCloseable {

        final FaultSmtpSink sink = FaultSmtpSink.start();
        final TestMail mail = new TestMail();
        final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        final TestDatabase database;
        final Daemon daemon;

        Fixture(TestDatabase.Kind kind) throws Exception {
            Path base = Files.createTempDirectory("send-batch");
            database = TestDatabase.create(kind, base);
            AppConfig good = TestConfigs.aConfig(base, mail, database);
            MailboxConfig mailbox = good.mailboxes().get(0);
            SmtpConfig smtp = mailbox.smtp();
            MailboxConfig toSink = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                    mailbox.owner(), mailbox.timeZone(), new SmtpConfig("127.0.0.1", sink.port(), smtp.security(),
                    smtp.username(), smtp.password(), SMTP_TIMEOUT, ""), mailbox.imap());
            AppConfig config = new AppConfig(null, good.nodeId(), good.dataDir(), good.templatesDir(),
                    good.sequencesDir(), good.database(), good.owners(), List.of(toSink), good.scheduler(),
                    good.sequences());
            daemon = Daemon.open(config, clock);
        }

        /** Enrolls and drafts one message per address; their ids in the order of the addresses (= sending order). */
        List<Long> queue(List<String> addresses) {
            List<Long> enrollments = addresses.stream().map(address -> daemon.enrollments().enroll(
                    ContactSpec.of(address, "Batch Member").withFields(Map.of("met_at", "the batch clinic")),
                    TestConfigs.SEQUENCE, "test").id()).toList();
            daemon.dispatcher().dispatchDue(50);
            return enrollments.stream().map(id -> daemon.database().jdbi().withHandle(handle ->
                    new OutboxStore().ofEnrollment(handle, id)).get(0).id()).toList();
        }

        List<OutboundMessage> messages(List<Long> ids) {
            return daemon.database().jdbi().withHandle(handle ->
                    ids.stream().map(id -> new OutboxStore().byId(handle, id)).toList());
        }

        List<OutboundState> states(List<Long> ids) {
            return messages(ids).stream().map(OutboundMessage::state).toList();
        }

        /** A listener that records nothing beyond the outbox's own rows. */
        SendListener listener() {
            return new SendListener() {
                @Override
                public void sent(Handle handle, OutboundMessage message, Instant now) {
                }

                @Override
                public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
                }
            };
        }

        List<FaultSmtpSink.Received> receivedBy(String address) {
            return sink.received().stream().filter(received -> received.recipients().contains(address)).toList();
        }

        @Override
        public void close() {
            daemon.close();
            database.close();
            mail.close();
            sink.close();
        }
    }
}
