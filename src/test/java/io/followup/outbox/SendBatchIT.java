package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.store.EventLog;
import io.followup.testing.DaemonTest;
import io.followup.testing.FaultSmtpSink;
import io.followup.testing.FaultSmtpSink.Rule;
import io.followup.testing.FaultSmtpSink.Stage;
import io.followup.testing.MutableClock;
import io.followup.testing.SmtpFault;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The sender's batches ({@link OutboxSender#CLAIM_BATCH} messages claimed together, sent over one kept connection,
 * recorded together while the next goes over SMTP): a failure of one message of a batch neither loses nor duplicates
 * the others, and the pipeline keeps at most {@link OutboxSender#IN_FLIGHT} batches in {@code sending}, on H2 and
 * MariaDB.
 */
class SendBatchIT {

    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(1);

    @DaemonTest
    void aReusedConnectionThatDiesAfterTheFinalDotMarksExactlyThatMessageInDoubt(TestDaemon followup)
            throws Exception {
        Fixture fixture = new Fixture(followup);
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
        fixture.assertNotAttempted(ids.subList(3, 5));

        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(fixture.daemon.sender().sendDue(50)).isEqualTo(2);
        fixture.clock.advance(Duration.ofHours(2));
        fixture.daemon.sender().sendDue(50);

        assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                OutboundState.IN_DOUBT, OutboundState.SENT, OutboundState.SENT);
        fixture.assertReceivedOnceEach(addresses, -1);
    }

    @DaemonTest
    void aFailureRecordingOneSentMessageOfABatchDoesNotLoseOrDuplicateTheOthers(TestDaemon followup)
            throws Exception {
        Fixture fixture = new Fixture(followup);
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
        fixture.assertReceivedOnceEach(addresses, -1);
    }

    /**
     * Two batches are read and asked to the gates at once, then claimed one after the other: the gates are asked
     * once per two batches; a message the gates hold back is deferred, and a message read ahead that is no longer
     * queued when its batch is claimed (cancelled in between) is neither claimed nor sent; every other message is
     * sent once.
     */
    @DaemonTest
    void twoBatchesAreReadAtOnceAndAMessageCancelledAfterTheReadIsNeverSent(TestDaemon followup) throws Exception {
        Fixture fixture = new Fixture(followup);
        int count = OutboxSender.CLAIM_BATCH * 3 + 5;
        List<String> addresses = members(count);
        List<Long> ids = fixture.queue(addresses);
        org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
        List<List<Long>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> cancelled = ids.subList(2 * OutboxSender.CLAIM_BATCH - 5, 2 * OutboxSender.CLAIM_BATCH);
        long deferred = ids.get(OutboxSender.CLAIM_BATCH + 2);
        SendGate gate = new SendGate() {
            @Override
            public Instant notBefore(OutboundMessage message, Instant now) {
                return null;
            }

            @Override
            public Map<Long, Instant> notBefore(List<OutboundMessage> messages, Instant now) {
                asked.add(messages.stream().map(OutboundMessage::id).toList());
                if (asked.size() == 1) {
                    // cancelled after the read, before their batch is claimed
                    jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbound_message SET state = 'cancelled' "
                            + "WHERE id IN (<ids>)").bindList("ids", cancelled).execute());
                }
                return messages.stream().anyMatch(message -> message.id() == deferred)
                        ? Map.of(deferred, now.plus(Duration.ofHours(1))) : Map.of();
            }
        };
        MimeBuilder mime = new MimeBuilder();
        try (OutboxSender sender = new OutboxSender(jdbi, fixture.clock, "batch-test", new OutboxStore(),
                new EventLog(), fixture.daemon.catalog()::mailbox, mailbox -> new SmtpMailer(mailbox, mime,
                fixture.clock), fixture.listener(), List.of(gate))) {

            assertThat(sender.sendDue(count)).isEqualTo(count - cancelled.size() - 1);
        }

        assertThat(asked).as("the gates asked once per two batches")
                .containsExactly(ids.subList(0, 2 * OutboxSender.CLAIM_BATCH), ids.subList(2 * OutboxSender.CLAIM_BATCH,
                        count));
        List<OutboundState> states = fixture.states(ids);
        for (int i = 0; i < count; i++) {
            OutboundState expected = cancelled.contains(ids.get(i)) ? OutboundState.CANCELLED
                    : ids.get(i) == deferred ? OutboundState.QUEUED : OutboundState.SENT;
            assertThat(states.get(i)).as("message %d", i).isEqualTo(expected);
            assertThat(fixture.receivedBy(addresses.get(i))).as(addresses.get(i))
                    .hasSize(expected == OutboundState.SENT ? 1 : 0);
        }
        assertThat(fixture.messages(List.of(deferred)).get(0).notBefore()).isAfter(fixture.clock.instant());
        assertThat(fixture.sink.repeatedMessageIds()).isEmpty();
    }

    /**
     * The pipeline's window: while a batch goes over SMTP the previous one is being recorded and the next one is
     * claimed, so at most {@link OutboxSender#IN_FLIGHT} batches are in {@code sending} and the books lag at most
     * one batch behind the wire. What this window may leave after a kill is settled by the journal (next tests).
     */
    @DaemonTest
    void atMostThreeBatchesAreInSendingAndTheBooksLagOneBatchBehindTheWire(TestDaemon followup) throws Exception {
        Fixture fixture = new Fixture(followup);
        int count = OutboxSender.CLAIM_BATCH * 4 + 5;
        List<Long> ids = fixture.queue(members(count));
        org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
        List<int[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        // built right before its SMTP transaction: what a kill -9 at that moment would leave in sending
        MimeBuilder mime = new MimeBuilder(null, (message, built) -> seen.add(jdbi.withHandle(handle ->
                new int[] {count(handle, "sending"), count(handle, "sent")})));
        try (OutboxSender sender = fixture.sender(mime)) {

            assertThat(sender.sendDue(count)).isEqualTo(count);
        }

        assertThat(seen).hasSize(count);
        for (int i = 0; i < count; i++) {
            int batchStart = i - i % OutboxSender.CLAIM_BATCH;
            assertThat(seen.get(i)[0]).as("messages in sending when message %d went out", i)
                    .isLessThanOrEqualTo(OutboxSender.IN_FLIGHT * OutboxSender.CLAIM_BATCH);
            assertThat(seen.get(i)[1]).as("the batches before the previous one recorded sent before message %d "
                    + "went out", i).isBetween(Math.max(0, batchStart - OutboxSender.CLAIM_BATCH), batchStart);
        }
        assertThat(fixture.states(ids)).containsOnly(OutboundState.SENT);
        assertThat(fixture.sink.repeatedMessageIds()).isEmpty();
    }

    @DaemonTest
    void aConnectionLostInTheMiddleOfThePipelineGivesBackTheBatchClaimedAheadAndSendsNothingTwice(
            TestDaemon followup) throws Exception {
        Fixture fixture = new Fixture(followup);
        int count = OutboxSender.CLAIM_BATCH * 3;
        int dies = OutboxSender.CLAIM_BATCH + 3;
        List<String> addresses = members(count);
        fixture.sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()).forRecipient(addresses.get(dies))
                .once());
        List<Long> ids = fixture.queue(addresses);

        int sent = fixture.daemon.sender().sendDue(count);

        assertThat(sent).as("the first batch and the start of the second").isEqualTo(dies);
        List<OutboundState> states = fixture.states(ids);
        assertThat(states.subList(0, dies)).containsOnly(OutboundState.SENT);
        assertThat(states.get(dies)).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(states.subList(dies + 1, count)).as("the rest of its batch and the batch claimed ahead")
                .containsOnly(OutboundState.QUEUED);
        fixture.assertNotAttempted(ids.subList(dies + 1, count));

        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(fixture.daemon.sender().sendDue(count)).isEqualTo(count - dies - 1);
        assertThat(fixture.states(ids)).filteredOn(state -> state == OutboundState.SENT).hasSize(count - 1);
        fixture.assertReceivedOnceEach(addresses, -1);
    }

    @DaemonTest
    void aProcessKilledWithThreeBatchesInFlightLeavesOnlyTheMessageOnTheWireInDoubtWhenItsJournalIsTrusted(
            TestDaemon followup) throws Exception {
        Fixture fixture = new Fixture(followup);
        int count = OutboxSender.CLAIM_BATCH * 3;
        int hangs = OutboxSender.CLAIM_BATCH + 3;
        List<String> addresses = members(count);
        List<Long> ids = fixture.queue(addresses);
        // a message of the second batch hangs while it is built: the first batch is accepted (recorded or not),
        // the third claimed ahead and never attempted
        try (KilledSender killed = new KilledSender(fixture, addresses.get(hangs), count)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fixture.states(ids)
                    .subList(2 * OutboxSender.CLAIM_BATCH, count).stream().allMatch(OutboundState.SENDING::equals));
            // the claim is committed before it is journaled: until the journal has it, a kill would leave the third
            // batch in doubt (seen on a loaded machine: 21 in doubt instead of 1)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> killed.journal().replay()
                    .map(attempts -> attempts.keySet().containsAll(ids.subList(2 * OutboxSender.CLAIM_BATCH, count)))
                    .orElse(false));

            SendJournal next = killed.journal();
            assertThat(fixture.recover(next)).isEqualTo(1);

            List<OutboundState> states = fixture.states(ids);
            assertThat(states.subList(0, hangs)).containsOnly(OutboundState.SENT);
            assertThat(states.get(hangs)).isEqualTo(OutboundState.IN_DOUBT);
            assertThat(states.subList(hangs + 1, count)).containsOnly(OutboundState.QUEUED);
            try (OutboxSender restarted = fixture.sender(new MimeBuilder()).journal(next)) {
                assertThat(restarted.sendDue(count)).isEqualTo(count - hangs - 1);
            }
        }

        fixture.assertReceivedOnceEach(addresses, hangs);
    }

    @DaemonTest
    void aProcessKilledMidBatchLeavesOnlyTheMessageOnTheWireInDoubtWhenItsJournalIsTrusted(TestDaemon followup)
            throws Exception {
        Fixture fixture = new Fixture(followup);
        List<String> addresses = members(8);
        List<Long> ids = fixture.queue(addresses);
        // the fourth message hangs while it is being built for SMTP: a kill -9 at that moment leaves the first
        // three accepted but not yet recorded, the fourth begun, the other four claimed and never attempted
        try (KilledSender killed = new KilledSender(fixture, "member3@example.org", 50)) {
            assertThat(fixture.states(ids)).containsOnly(OutboundState.SENDING);

            // the next start of the same node, same boot
            SendJournal next = killed.journal();
            assertThat(fixture.recover(next)).isEqualTo(1);

            assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                    OutboundState.SENT, OutboundState.IN_DOUBT, OutboundState.QUEUED, OutboundState.QUEUED,
                    OutboundState.QUEUED, OutboundState.QUEUED);
            assertThat(fixture.messages(ids.subList(0, 3))).allSatisfy(message ->
                    assertThat(message.sentAt()).isNotNull());
            try (OutboxSender restarted = fixture.sender(new MimeBuilder()).journal(next)) {
                assertThat(restarted.sendDue(50)).isEqualTo(4);
            }
        }

        assertThat(fixture.states(ids)).containsExactly(OutboundState.SENT, OutboundState.SENT,
                OutboundState.SENT, OutboundState.IN_DOUBT, OutboundState.SENT, OutboundState.SENT,
                OutboundState.SENT, OutboundState.SENT);
        fixture.assertReceivedOnceEach(addresses, 3);
    }

    @DaemonTest
    void aJournalFromAnotherBootSettlesNothingAndEveryAbandonedClaimIsInDoubt(TestDaemon followup)
            throws Exception {
        Fixture fixture = new Fixture(followup);
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
        int inDoubt = fixture.recover(new SendJournal(journalDir, "batch-test", "boot-2", candidates -> Set.of()));

        assertThat(inDoubt).isEqualTo(3);
        assertThat(fixture.states(ids)).containsOnly(OutboundState.IN_DOUBT);
    }

    /**
     * The send chore's pass ({@link OutboxSender#sendAvailable}) keeps a mailbox's pipeline from one page to the next:
     * while the last message of a page is on the wire, the first batch of the next page is claimed already. The
     * window of the pipeline holds across the pages and every message goes once.
     */
    @DaemonTest
    void aPassKeepsThePipelineAcrossPagesAndSendsEveryMessageOnce(TestDaemon followup) throws Exception {
        Fixture fixture = new Fixture(followup);
        int page = OutboxSender.CLAIM_BATCH;
        int count = page * 3 + 5;
        List<String> addresses = members(count);
        List<Long> ids = fixture.queue(addresses);
        org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
        List<Integer> sending = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean nextPageClaimed = new java.util.concurrent.atomic.AtomicBoolean();
        MimeBuilder mime = new MimeBuilder(null, (message, built) -> {
            sending.add(jdbi.withHandle(handle -> count(handle, "sending")));
            if (message.toAddress().equals(addresses.get(page - 1))) {
                nextPageClaimed.set(eventually(() -> fixture.states(ids.subList(page, 2 * page)).stream()
                        .allMatch(OutboundState.SENDING::equals)));
            }
        });
        try (OutboxSender sender = fixture.sender(mime)) {

            assertThat(sender.sendAvailable(page, Duration.ofMinutes(5))).isEqualTo(count);
        }

        assertThat(nextPageClaimed).as("the next page's first batch claimed while the last message of the first "
                + "page was on the wire").isTrue();
        assertThat(sending).hasSize(count).allSatisfy(inSending -> assertThat(inSending)
                .isLessThanOrEqualTo(OutboxSender.IN_FLIGHT * OutboxSender.CLAIM_BATCH));
        assertThat(fixture.states(ids)).containsOnly(OutboundState.SENT);
        fixture.assertReceivedOnceEach(addresses, -1);
    }

    /**
     * A connection lost in the second page of a pass: the message on the wire is {@code in_doubt}, the rest of its
     * batch and the next page's batch claimed ahead go back to the queue without an attempt counted, and the same
     * pass sends them once over a new connection.
     */
    @DaemonTest
    void aConnectionLostInTheSecondPageOfAPassLosesNothingAndSendsNothingTwice(TestDaemon followup)
            throws Exception {
        Fixture fixture = new Fixture(followup);
        int page = OutboxSender.CLAIM_BATCH;
        int count = page * 3;
        int dies = page + 3;
        List<String> addresses = members(count);
        fixture.sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()).forRecipient(addresses.get(dies))
                .once());
        List<Long> ids = fixture.queue(addresses);

        assertThat(fixture.daemon.sender().sendAvailable(page, Duration.ofMinutes(5))).isEqualTo(count - 1);

        List<OutboundState> states = fixture.states(ids);
        assertThat(states.get(dies)).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(states).filteredOn(state -> state == OutboundState.SENT).hasSize(count - 1);
        assertThat(fixture.messages(ids.subList(dies + 1, count))).allSatisfy(message ->
                assertThat(message.sendAttempts()).as("a claim given back is not an attempt").isEqualTo(1));
        fixture.assertReceivedOnceEach(addresses, -1);
    }

    /** Whether {@code condition} became true within 20 seconds. */
    private static boolean eventually(java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException notInTime) {
            return false;
        }
    }

    /** {@code member0@example.org}, {@code member1@...}: {@code count} recipients in sending order. */
    private static List<String> members(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "member" + i + "@example.org").toList();
    }

    private static int count(Handle handle, String state) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE state = :state")
                .bind("state", state).mapTo(Integer.class).one();
    }

    /**
     * A sender (node {@code batch-test}, journal of boot {@code boot-1}) running {@code sendDue} on a thread of its own
     * until the SMTP transaction of one recipient is being built; there it hangs, as if the process were killed at
     * that moment, and dies with an {@link Error} (no verdict the sender could record) when closed.
     */
    private static final class KilledSender implements AutoCloseable {

        private final Path journalDir = Files.createTempDirectory("send-journal");
        private final java.util.function.Function<java.util.Collection<Long>, Set<Long>> stillSending;
        private final java.util.concurrent.CountDownLatch onTheWire = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        private final OutboxSender sender;
        private final Thread thread;

        KilledSender(Fixture fixture, String hangsAt, int limit) throws Exception {
            org.jdbi.v3.core.Jdbi jdbi = fixture.daemon.database().jdbi();
            stillSending = candidates -> jdbi.withHandle(handle -> new OutboxStore().stillSending(handle, candidates));
            sender = fixture.sender(new MimeBuilder(null, (message, built) -> {
                if (message.toAddress().equals(hangsAt) && onTheWire.getCount() > 0) {
                    onTheWire.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // no RuntimeException (the sender would record it and go on with its batch): the thread dies
                    throw new Error("the process was killed here");
                }
            }));
            SendJournal first = journal();
            fixture.recover(first); // the journal of the run about to be killed
            sender.journal(first);
            thread = new Thread(() -> sender.sendDue(limit), "killed-sender");
            thread.setUncaughtExceptionHandler((dead, death) -> { });
            thread.setDaemon(true);
            thread.start();
            assertThat(onTheWire.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        /** The journal of this node on this boot, as the next start reads it. */
        SendJournal journal() {
            return new SendJournal(journalDir, "batch-test", "boot-1", stillSending);
        }

        @Override
        public void close() throws InterruptedException {
            never.countDown();
            thread.join(30_000);
            sender.close();
        }
    }

    /** The test's daemon (not started) sending to a fault sink, and drafts queued for a few recipients. */
    private static final class Fixture {

        final FaultSmtpSink sink;
        final MutableClock clock;
        final Daemon daemon;

        Fixture(TestDaemon followup) {
            sink = followup.sendToSink(SMTP_TIMEOUT);
            clock = followup.clock();
            daemon = followup.daemon();
        }

        /** Enrolls and drafts one message per address; their ids in the order of the addresses (= sending order). */
        List<Long> queue(List<String> addresses) {
            List<Long> enrollments = addresses.stream().map(address -> daemon.enrollments().enroll(
                    ContactSpec.of(address, "Batch Member").withFields(Map.of("met_at", "the batch clinic")),
                    TestConfigs.SEQUENCE, "test").id()).toList();
            while (daemon.dispatcher().dispatchDue(50) > 0) {
                // the first steps of every enrollment drafted
            }
            return enrollments.stream().map(id -> daemon.database().jdbi().withHandle(handle ->
                    new OutboxStore().ofEnrollment(handle, id)).get(0).id()).toList();
        }

        /** A sender of node {@code batch-test} building its messages with {@code mime}, no journal. */
        OutboxSender sender(MimeBuilder mime) {
            return new OutboxSender(daemon.database().jdbi(), clock, "batch-test", new OutboxStore(), new EventLog(),
                    daemon.catalog()::mailbox, mailbox -> new SmtpMailer(mailbox, mime, clock), listener(), List.of());
        }

        /** The start-up recovery of node {@code batch-test} with {@code journal}; how many became in doubt. */
        int recover(SendJournal journal) {
            return new OutboxRecovery(daemon.database().jdbi(), clock, "batch-test", new OutboxStore(),
                    new EventLog(), journal, listener()).recoverOwn();
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

        /**
         * Every address received one message, but the one at {@code lost} (-1: none) none; the sink kept no Message-ID
         * twice.
         */
        void assertReceivedOnceEach(List<String> addresses, int lost) {
            for (int i = 0; i < addresses.size(); i++) {
                assertThat(receivedBy(addresses.get(i))).as(addresses.get(i)).hasSize(i == lost ? 0 : 1);
            }
            assertThat(sink.repeatedMessageIds()).isEmpty();
        }

        /** The messages went back to the queue without an attempt counted (a claim given back is not one). */
        void assertNotAttempted(List<Long> ids) {
            assertThat(messages(ids)).allSatisfy(message -> assertThat(message.sendAttempts())
                    .as("a claim given back is not an attempt").isZero());
        }
    }
}
