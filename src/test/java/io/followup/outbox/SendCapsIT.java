package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.CapsConfig;
import io.followup.config.MailboxConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.testing.MutableClock;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Per-mailbox caps (the test sequence: a first touch, then a follow-up five days later) and spacing against a real database and GreenMail. The test drives the chores itself
 * ({@code dispatchDue}, {@code sendDue}) and moves the clock, instead of waiting for Quartz.
 */
class SendCapsIT {

    private static final Instant START = TestDaemon.START;
    private static final SequenceDefinition TWO_STEPS = new SequenceDefinition(TestConfigs.SEQUENCE,
            "first touch, then one follow-up", "main", List.of(
                    new StepDefinition(1, "intro/first", Wait.NONE, false),
                    new StepDefinition(2, "intro/second", new Wait(5, Wait.Unit.DAYS), false)),
            new Wait(1, Wait.Unit.DAYS));

    /** One row per message that was claimed: what it was, for whom and when. */
    record Sent(long id, int stepNo, int tier, Instant createdAt, Instant sendingAt) {

        boolean followUp() {
            return stepNo > 1;
        }
    }

    @DaemonTest
    void aThousandEnrollmentsDueAtOnceNeverExceedTheCapsAndFollowUpsGoFirst(TestDaemon followup) {
        MutableClock clock = followup.clock();
        Daemon daemon = followup.open(node(followup.config(), "node-a",
                new CapsConfig(100, 20, Duration.ZERO, Duration.ZERO)), List.of(TWO_STEPS));
        for (int i = 0; i < 1000; i++) {
            daemon.enrollments().enroll(new ContactSpec("c" + i + "@example.org", "Contact " + i, null, null, null,
                    1 + i % 5, null, null, List.of(), Map.of("met_at", "the fair"), null), TestConfigs.SEQUENCE,
                    "test");
        }
        long mailbox = daemon.catalog().mailboxId("main");
        CapsConfig caps = daemon.catalog().mailbox(mailbox).caps();
        SendPacing pacing = new SendPacing();
        Instant end = START.plus(Duration.ofDays(60));
        int firstTouchesSent = 0;
        while (clock.instant().isBefore(end) && firstTouchesSent < 1000) {
            daemon.dispatcher().dispatchDue(2000);
            int sent = daemon.sender().sendDue(200);
            if (sent == 0) {
                Instant next = daemon.database().jdbi().withHandle(handle ->
                        pacing.availableAt(handle, mailbox, caps, clock.instant()));
                clock.set(next != null ? next : clock.instant().plus(Duration.ofHours(1)));
            }
            firstTouchesSent = countSent(daemon, 1);
        }

        List<Sent> sent = sent(daemon);
        assertThat(sent.stream().filter(message -> !message.followUp())).hasSize(1000);
        assertThat(followup.mail().greenMail().getReceivedMessages()).hasSize(sent.size());
        assertThat(maxInAnyWindow(sent, Duration.ofHours(1))).isEqualTo(20);
        assertThat(maxInAnyWindow(sent, Duration.ofHours(24))).isEqualTo(100);
        assertThat(Duration.between(START, sent.get(sent.size() - 1).sendingAt())).isGreaterThan(Duration.ofDays(9));
        assertThat(sent.stream().filter(Sent::followUp)).hasSizeGreaterThanOrEqualTo(100);
        Instant firstFollowUp = sent.stream().filter(Sent::followUp).findFirst().orElseThrow().sendingAt();
        assertThat(sent.stream().filter(message -> !message.followUp() && message.sendingAt().isAfter(firstFollowUp)))
                .as("first touches still go out in later windows, after the follow-ups").isNotEmpty();
        for (Sent message : sent) {
            for (Sent other : sent) {
                boolean waitingMeanwhile = !other.createdAt().isAfter(message.sendingAt())
                        && other.sendingAt().isAfter(message.sendingAt());
                if (!waitingMeanwhile) {
                    continue;
                }
                assertThat(other.followUp() && !message.followUp())
                        .as("follow-up #%d waited while first touch #%d went", other.id(), message.id()).isFalse();
                if (other.followUp() == message.followUp()) {
                    assertThat(other.tier()).as("tier of #%d waiting while #%d went", other.id(), message.id())
                            .isGreaterThanOrEqualTo(message.tier());
                    if (other.tier() == message.tier()) {
                        assertThat(other.createdAt()).as("due time of #%d waiting while #%d went", other.id(),
                                message.id()).isAfterOrEqualTo(message.createdAt());
                    }
                }
            }
        }
    }

    @DaemonTest
    void twoDaemonsSendingAtOnceNeverExceedACap(TestDaemon followup) throws Exception {
        MutableClock clock = followup.clock();
        CapsConfig caps = new CapsConfig(15, 10, Duration.ZERO, Duration.ZERO);
        Daemon first = followup.open(node(followup.config(), "node-a", caps), List.of(TWO_STEPS));
        try (Daemon second = Daemon.open(node(followup.config(), "node-b", caps), List.of(TWO_STEPS), clock)) {
            enrollAndDispatch(first, 60);

            assertThat(sendConcurrently(first, second)).isEqualTo(10);
            clock.advance(Duration.ofMinutes(61));
            assertThat(sendConcurrently(first, second)).isEqualTo(5);
            clock.advance(Duration.ofHours(2));
            assertThat(sendConcurrently(first, second)).isZero();

            assertThat(sent(first)).hasSize(15);
            assertThat(followup.mail().greenMail().getReceivedMessages()).hasSize(15);
            assertThat(sent(first).stream().map(Sent::id).distinct()).hasSize(15);
        }
    }

    @DaemonTest
    void twoDaemonsKeepTheRandomSpacingBetweenSends(TestDaemon followup) throws Exception {
        CapsConfig caps = new CapsConfig(1000, 1000, Duration.ofSeconds(20), Duration.ofSeconds(60));
        MutableClock clock = followup.clock();
        Daemon first = followup.open(node(followup.config(), "node-a", caps), List.of(TWO_STEPS));
        try (Daemon second = Daemon.open(node(followup.config(), "node-b", caps), List.of(TWO_STEPS), clock)) {
            enrollAndDispatch(first, 8);

            for (int tick = 0; tick < 100 && sent(first).size() < 8; tick++) {
                assertThat(sendConcurrently(first, second)).isLessThanOrEqualTo(1);
                clock.advance(Duration.ofSeconds(10));
            }

            List<Sent> sent = sent(first);
            assertThat(sent).hasSize(8);
            for (int i = 1; i < sent.size(); i++) {
                Duration gap = Duration.between(sent.get(i - 1).sendingAt(), sent.get(i).sendingAt());
                assertThat(gap).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(70));
            }
        }
    }

    /** The test configuration on node {@code nodeId}, its mailbox capped by {@code caps} (run with {@link #TWO_STEPS}). */
    private static AppConfig node(AppConfig config, String nodeId, CapsConfig caps) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        MailboxConfig capped = new MailboxConfig(mailbox.name(), mailbox.address(), mailbox.displayName(),
                mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), mailbox.imap(), caps);
        return config.withNode(nodeId, config.scheduler()).withMailboxes(List.of(capped));
    }

    /** Enrolls {@code contacts} new contacts and drafts their first steps. */
    private static void enrollAndDispatch(Daemon daemon, int contacts) {
        for (int i = 0; i < contacts; i++) {
            daemon.enrollments().enroll(ContactSpec.of("c" + i + "@example.org", "Contact " + i)
                    .withFields(Map.of("met_at", "the fair")), TestConfigs.SEQUENCE, "test");
        }
        daemon.dispatcher().dispatchDue(100);
    }

    /** Both daemons run their sender at the same moment, three rounds each; returns how many they sent. */
    private static int sendConcurrently(Daemon first, Daemon second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Daemon daemon : List.of(first, second)) {
                results.add(executor.submit(() -> {
                    int sent = 0;
                    for (int round = 0; round < 3; round++) {
                        barrier.await();
                        sent += daemon.sender().sendDue(200);
                    }
                    return sent;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            return total;
        } finally {
            executor.shutdownNow();
        }
    }

    private static int countSent(Daemon daemon, int stepNo) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM outbound_message WHERE step_no = :step AND state = 'sent'")
                .bind("step", stepNo).mapTo(Integer.class).one());
    }

    private static List<Sent> sent(Daemon daemon) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT o.id, o.step_no, c.tier, o.created_at, o.sending_at FROM outbound_message o
                        JOIN enrollment e ON e.id = o.enrollment_id JOIN contact c ON c.id = e.contact_id
                        WHERE o.sending_at IS NOT NULL ORDER BY o.sending_at, o.id""")
                .map((rs, ctx) -> new Sent(rs.getLong("id"), rs.getInt("step_no"), rs.getInt("tier"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("sending_at"))))
                .list());
    }

    /** The most sends whose claim times fall in one window {@code (t - window, t]}. */
    private static int maxInAnyWindow(List<Sent> sent, Duration window) {
        return IntStream.range(0, sent.size()).map(i -> (int) sent.stream()
                .filter(other -> other.sendingAt().isAfter(sent.get(i).sendingAt().minus(window))
                        && !other.sendingAt().isAfter(sent.get(i).sendingAt()))
                .count()).max().orElse(0);
    }
}
