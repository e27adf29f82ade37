package io.followup.testing;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import io.followup.contact.ContactSpec;
import io.followup.store.Database;
import io.followup.testing.FaultSmtpSink.Rule;
import io.followup.testing.FaultSmtpSink.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The single-node crash harness: the real daemon as a child process ({@link DaemonProcess}) on H2 or MariaDB,
 * {@code enrollments} contacts due at once, an SMTP sink that refuses {@code tempFailRate} of recipients with a 451
 * and drops {@code dropRate} of connections after the final dot ({@link FaultSmtpSink}), and {@code kills} times
 * {@code kill -9} at a random moment (every other one while the sink holds back its reply to a final dot: mid-SMTP)
 * followed by a restart. Then a drain: retries are made due (time passes), the daemon runs without faults until
 * nothing is left to send. Finally the sink's record is compared with the database, per outbound message:
 * {@code received_once} (sent, kept once), {@code duplicates} (kept more than once), {@code lost} (marked sent but
 * never received, or never dispatched), {@code in_doubt}; every in_doubt row must be listed by
 * {@code drafts list --state in_doubt} and one of them is resolved with {@code drafts resolve ID --sent}.
 * {@code unreadable} counts inbound messages that could not be read (this harness injects no IMAP faults: 0).
 * Not thread-safe; one run at a time.
 */
public final class CrashHarness {

    /** The knobs of a run; {@link #shortForm()} for CI, {@link #longForm()} for the documented measurement. */
    public record Settings(int enrollments, int kills, double tempFailRate, double dropRate, long seed) {

        /**
         * 200 enrollments and 2 kills: one while the sink holds back its reply to a final dot (mid-SMTP), one after
         * a random number of sends; the same faults as the long form, in a fraction of its time.
         */
        public static Settings shortForm() {
            return new Settings(200, 2, 0.10, 0.02, 42);
        }

        public static Settings longForm() {
            return new Settings(2000, 20, 0.10, 0.02, 42);
        }

        /** From system properties {@code crash.enrollments}, {@code crash.kills}, ... over {@code defaults}. */
        public static Settings fromSystemProperties(Settings defaults) {
            return new Settings(Integer.getInteger("crash.enrollments", defaults.enrollments()),
                    Integer.getInteger("crash.kills", defaults.kills()),
                    Double.parseDouble(System.getProperty("crash.tempfail", String.valueOf(defaults.tempFailRate()))),
                    Double.parseDouble(System.getProperty("crash.drop", String.valueOf(defaults.dropRate()))),
                    Long.getLong("crash.seed", defaults.seed()));
        }
    }

    /** The outcome of a run. */
    public record Result(String database, Settings settings, int receivedOnce, int duplicates, int lost, int inDoubt,
                         int unreadable, int failed, int unfinished, int inDoubtListed, boolean resolved,
                         Duration elapsed) {

        /** The one line the harness prints. */
        public String line() {
            return String.format("crash harness [%s] enrollments=%d kills=%d 451=%.0f%% drop-after-DATA=%.0f%%: "
                            + "received_once=%d duplicates=%d lost=%d in_doubt=%d unreadable=%d "
                            + "(failed=%d unfinished=%d in_doubt_listed=%d resolved=%s) in %ds",
                    database, settings.enrollments(), settings.kills(), settings.tempFailRate() * 100,
                    settings.dropRate() * 100, receivedOnce, duplicates, lost, inDoubt, unreadable, failed, unfinished,
                    inDoubtListed, resolved, elapsed.toSeconds());
        }

        /** Whether the promise held: nothing twice, nothing lost, every in_doubt row visible and resolvable. */
        public boolean held() {
            return duplicates == 0 && lost == 0 && unfinished == 0 && inDoubtListed == inDoubt
                    && (inDoubt == 0 || resolved);
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(3);
    private static final int DRAIN_ROUNDS = 10;

    private final Settings settings;
    private final Path base;
    private final TestDatabase.Kind kind;
    private final Random random;

    /** A run on {@code kind} in the empty directory {@code base}. */
    public CrashHarness(Settings settings, TestDatabase.Kind kind, Path base) {
        this.settings = settings;
        this.kind = kind;
        this.base = base.toAbsolutePath();
        this.random = new Random(settings.seed());
    }

    /** Runs the harness, prints and returns its result. */
    public Result run() {
        Instant started = Instant.now();
        try (TestMail mail = new TestMail(); FaultSmtpSink sink = FaultSmtpSink.start();
             TestDatabase database = TestDatabase.create(kind, base)) {
            // H2: the embedded database under base/data, where the daemon's data_dir puts it (migrated already)
            DaemonFiles files = DaemonFiles.of(sink.port(), mail.imapPort()).smtpTimeout(Duration.ofSeconds(5));
            Path configFile = (kind == TestDatabase.Kind.H2 ? files : files.database(database.url())).write(base);
            AppConfig config = new ConfigLoader(base, Map.of()).load(configFile);
            enroll(config);
            Random faults = new Random(settings.seed() + 1);
            sink.inject(Rule.at(Stage.RCPT, SmtpFault.code(451)).withProbability(settings.tempFailRate(), faults));
            sink.inject(Rule.at(Stage.END_OF_DATA, SmtpFault.drop()).withProbability(settings.dropRate(), faults));
            try (DaemonProcess daemon = DaemonProcess.forConfig(configFile).log(base.resolve("daemon.log")).start()) {
                for (int kill = 1; kill <= settings.kills(); kill++) {
                    if (kill % 2 == 1) {
                        killMidSmtp(sink, daemon);
                    } else {
                        killAfterSomeSends(sink, daemon);
                    }
                    daemon.restart();
                }
                sink.clearFaults();
                drain(config, sink, daemon);
            }
            Result result = compare(config, sink, configFile, Duration.between(started, Instant.now()));
            System.out.println(result.line());
            HarnessResults.append("crash-harness-results.txt", result.line());
            return result;
        }
    }

    private void enroll(AppConfig config) {
        try (Daemon daemon = Daemon.open(config, SequenceLoader.load(config, base), Clock.systemUTC())) {
            for (int i = 0; i < settings.enrollments(); i++) {
                daemon.enrollments().enroll(ContactSpec.of("contact" + i + "@crash.test", "Contact " + i)
                        .withFields(Map.of("met_at", "the crash test")), TestConfigs.SEQUENCE, "crash harness");
            }
        }
    }

    /** Holds back the reply to the next final dot, kills the daemon while it waits for it. */
    private void killMidSmtp(FaultSmtpSink sink, DaemonProcess daemon) {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Boolean> armed = new AtomicReference<>(true);
        sink.inject(exchange -> {
            if (exchange.stage() == Stage.END_OF_DATA && armed.getAndSet(false)) {
                waiting.countDown();
                return SmtpFault.slow(Duration.ofSeconds(10));
            }
            return null;
        });
        try {
            if (!waiting.await(2, TimeUnit.MINUTES)) {
                armed.set(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        daemon.kill();
    }

    /** Kills the daemon after it has sent a random number of messages (or after a while if it sends none). */
    private void killAfterSomeSends(FaultSmtpSink sink, DaemonProcess daemon) {
        int target = sink.received().size() + 1 + random.nextInt(Math.max(1,
                settings.enrollments() / (settings.kills() + 1)));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (sink.received().size() < target && System.nanoTime() < deadline) {
            pause(20);
        }
        daemon.kill();
    }

    /**
     * Lets time pass for retries and runs the daemon without faults until every enrollment's first message is
     * sent, failed or in doubt (at most a few rounds: stop, make the queue due, start, wait for quiet).
     */
    private void drain(AppConfig config, FaultSmtpSink sink, DaemonProcess daemon) {
        // a round starts with the daemon running (restart waits for that) and ends after DRAIN_QUIET without a
        // message, or once every contact has a message kept; a round cut short by a pause in sending only costs
        // another round
        for (int round = 0; round < DRAIN_ROUNDS; round++) {
            awaitQuiet(sink, DRAIN_QUIET, settings.enrollments());
            daemon.stop(Duration.ofSeconds(30));
            if (pullQueueForward(config) == 0) {
                return;
            }
            daemon.restart();
        }
        daemon.stop(Duration.ofSeconds(30));
    }

    /**
     * Waits until the sink has received nothing new for {@code quiet}, or until it has kept a message for each of
     * the {@code contacts} (then nothing is left to wait for: whether a row is still queued or sending, which a
     * duplicate would come from, is read from the database after the stop, and such a row costs another round).
     */
    static void awaitQuiet(FaultSmtpSink sink, Duration quiet, int contacts) {
        int last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (sink.kept().stream().flatMap(message -> message.recipients().stream()).distinct().count()
                    >= contacts) {
                return;
            }
            int now = sink.received().size();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
            pause(200);
        }
    }

    /** Makes queued retries due now; returns how many enrollments still wait for their first message to end. */
    private int pullQueueForward(AppConfig config) {
        try (Database database = Daemon.openDatabase(config)) {
            return database.jdbi().inTransaction(handle -> {
                handle.createUpdate("UPDATE outbound_message SET not_before = :now WHERE state = 'queued'")
                        .bind("now", Instant.now().toEpochMilli()).execute();
                return SinkTally.unfinished(handle);
            });
        }
    }

    private Result compare(AppConfig config, FaultSmtpSink sink, Path configFile, Duration elapsed) {
        SinkTally tally;
        try (Database database = Daemon.openDatabase(config)) {
            tally = SinkTally.of(database.jdbi(), sink);
        }
        Map<Long, String> inDoubtRows = tally.inDoubtRows();
        int listed = 0;
        boolean resolved = false;
        if (!inDoubtRows.isEmpty()) {
            DaemonProcess.CommandResult list = DaemonProcess.command(base, COMMAND_TIMEOUT, "drafts", "list",
                    "--state", "in_doubt", "--limit", "100000", "--config", configFile.toString());
            for (long id : inDoubtRows.keySet()) {
                if (list.output().contains("#" + id + " ")) {
                    listed++;
                }
            }
            Map.Entry<Long, String> first = inDoubtRows.entrySet().iterator().next();
            DaemonProcess.CommandResult resolve = DaemonProcess.command(base, COMMAND_TIMEOUT, "drafts", "resolve",
                    String.valueOf(first.getKey()), "--sent", "--by", "crash-harness", "--config",
                    configFile.toString());
            resolved = resolve.exitCode() == 0;
            if (!resolved) {
                System.out.println("drafts resolve " + first.getKey() + " --sent failed:\n" + resolve.output());
            }
        }
        return new Result(kind.name(), settings, tally.receivedOnce(), tally.duplicates(),
                tally.lost() + tally.unfinished(), tally.inDoubt(), 0, tally.failed(), tally.unfinished(), listed,
                inDoubtRows.isEmpty() || resolved, elapsed);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
