package io.followup.testing;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboxRecovery;
import io.followup.outbox.OutboxStore;
import io.followup.store.EventLog;
import io.followup.testing.FaultSmtpSink.Rule;
import io.followup.testing.FaultSmtpSink.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The cluster harness: {@code nodes} real daemons ({@code followup run}, child JVMs, {@link DaemonProcess}) with
 * {@code scheduler.clustered: true} on one MariaDB database, sharing one mailbox (SMTP: the {@link FaultSmtpSink};
 * IMAP: GreenMail). Per round: a batch of enrollments falls due; the node that is sending is killed with
 * {@code kill -9} while the sink holds back its reply to the final dot (mid-SMTP: its Quartz "send-outbox" firing and
 * possibly the mailbox lease die with it); then replies from contacts arrive and the node holding the mailbox lease is
 * killed. Measured per kill: the time until another node holds the lease, until the dead node's Quartz instance is
 * recovered by a survivor (its scheduler-state row removed), and until the next message reaches the sink. The killed
 * nodes are restarted (their message cut off mid-SMTP becomes in_doubt); after the last round of the short form only
 * their start-up recovery runs, in the harness. At the end, with the faults off and retries
 * made due, the sink's record is compared with the database ({@link SinkTally}), and every reply must have been
 * recorded exactly once and have stopped its enrollment. Needs {@code FOLLOWUP_TEST_MARIADB_URL}. Not thread-safe.
 */
public final class ClusterHarness {

    /** The knobs of a run; {@link #shortForm()} for CI, {@link #longForm()} for the documented measurement. */
    public record Settings(int nodes, int enrollments, int rounds, int repliesPerRound, double tempFailRate,
                           double dropRate, boolean restart, long seed) {

        /** One round; the killed nodes' start-up recovery runs in the harness instead of restarting their JVMs. */
        public static Settings shortForm() {
            return new Settings(3, 60, 1, 3, 0, 0, false, 42);
        }

        public static Settings longForm() {
            return new Settings(3, 600, 5, 5, 0.10, 0.02, true, 42);
        }

        /** From system properties {@code cluster.nodes}, {@code cluster.enrollments}, ... over {@code defaults}. */
        public static Settings fromSystemProperties(Settings defaults) {
            return new Settings(Integer.getInteger("cluster.nodes", defaults.nodes()),
                    Integer.getInteger("cluster.enrollments", defaults.enrollments()),
                    Integer.getInteger("cluster.rounds", defaults.rounds()),
                    Integer.getInteger("cluster.replies", defaults.repliesPerRound()),
                    Double.parseDouble(System.getProperty("cluster.tempfail", String.valueOf(defaults.tempFailRate()))),
                    Double.parseDouble(System.getProperty("cluster.drop", String.valueOf(defaults.dropRate()))),
                    Boolean.parseBoolean(System.getProperty("cluster.restart", String.valueOf(defaults.restart()))),
                    Long.getLong("cluster.seed", defaults.seed()));
        }
    }

    /**
     * What one kill -9 cost: time to the lease's new holder (null: the node held no lease), to Quartz's recovery of
     * the dead instance by a survivor, and to the next message the sink received (null: nothing was due);
     * {@code dueAtKill} is how many messages were queued and due when the node was killed (the batched sender may
     * have claimed all of them already: then there is no next send to wait for).
     */
    public record Takeover(String node, String reason, Duration lease, Duration quartz, Duration nextSend,
                           long dueAtKill) {

        public String line() {
            return String.format("%s (%s): lease %s, quartz %s, next send %s (%d due at the kill)", node, reason,
                    seconds(lease), seconds(quartz), seconds(nextSend), dueAtKill);
        }
    }

    /** The outcome of a run. */
    public record Result(Settings settings, SinkTally tally, int replies, int repliesActed, int repliesTwice,
                         List<Takeover> takeovers, Duration elapsed) {

        /** The one line the harness prints. */
        public String line() {
            return String.format("cluster harness [MARIADB] nodes=%d enrollments=%d kills=%d 451=%.0f%% "
                            + "drop-after-DATA=%.0f%%: received_once=%d duplicates=%d lost=%d in_doubt=%d failed=%d "
                            + "unfinished=%d replies acted=%d/%d (twice: %d); takeovers: %s; in %ds",
                    settings.nodes(), settings.enrollments(), takeovers.size(), settings.tempFailRate() * 100,
                    settings.dropRate() * 100, tally.receivedOnce(), tally.duplicates(), lost(), tally.inDoubt(),
                    tally.failed(), tally.unfinished(), repliesActed, replies, repliesTwice,
                    takeovers.stream().map(Takeover::line).collect(Collectors.joining("; ")), elapsed.toSeconds());
        }

        /** Lost messages: marked sent but never received, or never finished. */
        public int lost() {
            return tally.lost() + tally.unfinished();
        }

        /** Whether the promise held: nothing twice, nothing lost, every reply acted on once, every kill taken over. */
        public boolean held() {
            return tally.duplicates() == 0 && lost() == 0 && repliesActed == replies && repliesTwice == 0
                    && takeovers.stream().allMatch(t -> t.quartz() != null);
        }
    }

    private static final Duration TAKEOVER_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration HOLD = Duration.ofSeconds(90);
    private static final String SCHEDULER = "followup-test";

    private final Settings settings;
    private final Path base;
    private final Random random;
    private final List<DaemonProcess> nodes = new ArrayList<>();
    private final List<String> nodeIds = new ArrayList<>();
    private final Map<String, String> replies = new LinkedHashMap<>();
    private Jdbi jdbi;
    private int enrolled;

    /** A run in the empty directory {@code base}. */
    public ClusterHarness(Settings settings, Path base) {
        this.settings = settings;
        this.base = base.toAbsolutePath();
        this.random = new Random(settings.seed());
    }

    /** Runs the harness, prints and returns its result. */
    public Result run() {
        Instant started = Instant.now();
        List<Takeover> takeovers = new ArrayList<>();
        try (TestMail mail = new TestMail(); FaultSmtpSink sink = FaultSmtpSink.start();
             TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, base)) {
            List<Path> configs = new ArrayList<>();
            for (int i = 1; i <= settings.nodes(); i++) {
                nodeIds.add("node-" + i);
                configs.add(DaemonFiles.of(sink.port(), mail.imapPort()).database(database.url()).node("node-" + i)
                        .clustered(true).smtpTimeout(Duration.ofSeconds(30)).write(base.resolve("node-" + i)));
            }
            AppConfig config = new ConfigLoader(base, Map.of()).load(configs.get(0));
            Random faults = new Random(settings.seed() + 1);
            sink.inject(Rule.at(Stage.RCPT, SmtpFault.code(451)).withProbability(settings.tempFailRate(), faults));
            sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()).withProbability(settings.dropRate(), faults));
            try (Daemon observer = Daemon.open(config, SequenceLoader.load(config, base), Clock.systemUTC())) {
                jdbi = observer.database().jdbi();
                try {
                    for (Path file : configs) {
                        nodes.add(DaemonProcess.forConfig(file).readyTimeout(Duration.ofMinutes(3)).launch());
                    }
                    nodes.forEach(DaemonProcess::awaitReady);
                    await("a node watches the mailbox", () -> leaseHolder().isPresent()
                            && count("SELECT COUNT(*) FROM mailbox_watermark") > 0);
                    for (int round = 1; round <= settings.rounds(); round++) {
                        int batch = settings.enrollments() * round / settings.rounds() - enrolled;
                        Takeover sending = killWhileSending(observer, sink, batch);
                        takeovers.add(sending);
                        Takeover lease = killLeaseHolder(mail, sink);
                        takeovers.add(lease);
                        System.out.println("cluster harness round " + round + ": " + sending.line() + "; "
                                + lease.line());
                        if (settings.restart() || round < settings.rounds()) {
                            List<DaemonProcess> dead = nodes.stream().filter(node -> !node.alive()).toList();
                            dead.forEach(DaemonProcess::relaunch);
                            dead.forEach(DaemonProcess::awaitReady);
                        } else {
                            recoverDeadNodes();
                        }
                    }
                    sink.clearFaults();
                    drain(sink);
                    awaitReplies();
                } finally {
                    nodes.forEach(node -> {
                        if (node.alive()) {
                            node.stop(Duration.ofSeconds(30));
                        }
                    });
                }
                SinkTally tally = SinkTally.of(jdbi, sink);
                int acted = 0;
                int twice = 0;
                for (Map.Entry<String, String> reply : replies.entrySet()) {
                    int recorded = recordedTimes(reply.getKey());
                    twice += recorded > 1 ? 1 : 0;
                    acted += recorded >= 1 && stopped(reply.getValue()) ? 1 : 0;
                }
                Result result = new Result(settings, tally, replies.size(), acted, twice, takeovers,
                        Duration.between(started, Instant.now()));
                System.out.println(result.line());
                HarnessResults.append("cluster-harness-results.txt", result.line());
                return result;
            } finally {
                nodes.forEach(DaemonProcess::close);
            }
        }
    }

    /**
     * Holds back the reply to the next final dot, enrolls {@code batch} contacts (due at once), kills the node that
     * is sending the held message, measures the takeover.
     */
    private Takeover killWhileSending(Daemon observer, FaultSmtpSink sink, int batch) {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicReference<String> held = new AtomicReference<>();
        sink.inject(exchange -> {
            if (exchange.stage() == Stage.END_OF_DATA && armed.getAndSet(false)) {
                held.set(exchange.messageId());
                waiting.countDown();
                return SmtpFault.slow(HOLD);
            }
            return null;
        });
        for (int i = 0; i < batch; i++, enrolled++) {
            observer.enrollments().enroll(ContactSpec.of("contact" + enrolled + "@cluster.test", "Contact " + enrolled)
                    .withFields(Map.of("met_at", "the cluster test")), TestConfigs.SEQUENCE, "cluster harness");
        }
        try {
            if (!waiting.await(TAKEOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no node sent a message within " + TAKEOVER_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String sender = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT claimed_by FROM outbound_message WHERE message_id = :id")
                .bind("id", held.get()).mapTo(String.class).one());
        String heldId = held.get();
        return kill(sender, "mid-SMTP", sink, received -> !received.messageId().equals(heldId));
    }

    /** Replies arrive from contacts that were sent their message; the node holding the mailbox lease is killed. */
    private Takeover killLeaseHolder(TestMail mail, FaultSmtpSink sink) {
        await("messages sent to reply to", () -> count("""
                SELECT COUNT(*) FROM outbound_message o JOIN enrollment e ON e.id = o.enrollment_id
                WHERE o.state = 'sent' AND e.state = 'active'""") >= settings.repliesPerRound());
        List<Map<String, Object>> sent = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT o.message_id, o.to_address, o.subject, o.enrollment_id FROM outbound_message o
                        JOIN enrollment e ON e.id = o.enrollment_id WHERE o.state = 'sent' AND e.state = 'active'
                        ORDER BY o.id""")
                .mapToMap().list());
        java.util.Collections.shuffle(sent, random);
        for (Map<String, Object> message : sent.subList(0, settings.repliesPerRound())) {
            String from = (String) message.get("to_address");
            byte[] raw = TestMail.rawMessage(from, "Re: " + message.get("subject"),
                    "Thanks, happy to talk next week.", (String) message.get("message_id"), false, Instant.now());
            String replyId = new String(raw, java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("Message-ID: ")).findFirst().orElseThrow().substring(12);
            replies.put(replyId, String.valueOf(message.get("enrollment_id")));
            mail.deliverRaw(raw, from);
        }
        String holder = leaseHolder().orElseThrow(() -> new IllegalStateException("no node holds the lease"));
        int before = sink.received().size();
        return kill(holder, "lease holder", sink, received -> sink.received().indexOf(received) >= before);
    }

    /** Kills {@code nodeId} and waits until the survivors took over its lease (if it held it), chores and sending. */
    private Takeover kill(String nodeId, String reason, FaultSmtpSink sink,
                          java.util.function.Predicate<FaultSmtpSink.Received> afterKill) {
        boolean heldLease = leaseHolder().map(nodeId::equals).orElse(false);
        DaemonProcess node = nodes.get(nodeIds.indexOf(nodeId));
        long due = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT COUNT(*) FROM outbound_message WHERE state = 'queued'
                AND (not_before IS NULL OR not_before <= :now)""")
                .bind("now", Instant.now().toEpochMilli()).mapTo(Long.class).one());
        long killed = System.nanoTime();
        node.kill();
        Duration lease = null;
        if (heldLease) {
            await("another node takes the lease of " + nodeId, () -> leaseHolder()
                    .filter(holder -> !holder.equals(nodeId)).isPresent());
            lease = since(killed);
        }
        await("a survivor recovers the Quartz instance of " + nodeId, () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = :name AND INSTANCE_NAME = :id")
                .bind("name", SCHEDULER).bind("id", nodeId).mapTo(Integer.class).one()) == 0);
        Duration quartz = since(killed);
        Duration nextSend = null;
        if (due > 0) {
            await("a message sent after " + nodeId + " was killed", () -> sink.received().stream().anyMatch(afterKill));
            nextSend = since(killed);
        }
        return new Takeover(nodeId, reason, lease, quartz, nextSend, due);
    }

    /**
     * What a killed node does first when it starts again, without starting its JVM (the short form saves two
     * daemon start-ups): its messages left in {@code sending} become {@code in_doubt} ({@link OutboxRecovery}).
     */
    private void recoverDeadNodes() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).alive()) {
                new OutboxRecovery(jdbi, Clock.systemUTC(), nodeIds.get(i), new OutboxStore(), new EventLog())
                        .recoverOwn();
            }
        }
    }

    /**
     * Runs the cluster without faults until every enrollment's first message is sent, failed or in doubt (looked at
     * every 200 ms); makes retries due (time passes) whenever the sink has been quiet for a while.
     */
    private void drain(FaultSmtpSink sink) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        int lastReceived = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (jdbi.withHandle(SinkTally::unfinished) == 0) {
                return;
            }
            int received = sink.received().size();
            if (received != lastReceived) {
                lastReceived = received;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= TimeUnit.SECONDS.toNanos(5)) {
                jdbi.useHandle(handle -> handle.createUpdate(
                                "UPDATE outbound_message SET not_before = :now WHERE state = 'queued'")
                        .bind("now", Instant.now().toEpochMilli()).execute());
                quietSince = System.nanoTime();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void awaitReplies() {
        try {
            await("every reply recorded and acted on", () -> replies.entrySet().stream()
                    .allMatch(reply -> recordedTimes(reply.getKey()) >= 1 && stopped(reply.getValue())));
        } catch (IllegalStateException e) {
            System.out.println("cluster harness: " + e.getMessage());
        }
    }

    private int recordedTimes(String replyMessageId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM inbound_message WHERE message_id = :id")
                .bind("id", replyMessageId).mapTo(Integer.class).one());
    }

    private boolean stopped(String enrollmentId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT state FROM enrollment WHERE id = :id")
                .bind("id", Long.parseLong(enrollmentId)).mapTo(String.class).one()).equalsIgnoreCase("stopped");
    }

    private Optional<String> leaseHolder() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT node_id FROM mailbox_folder_lease WHERE folder = 'INBOX' AND expires_at >= :now")
                .bind("now", Instant.now()).mapTo(String.class).findFirst());
    }

    private long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TAKEOVER_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + TAKEOVER_TIMEOUT + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
