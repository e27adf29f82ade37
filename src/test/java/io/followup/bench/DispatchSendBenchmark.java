package io.followup.bench;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import io.followup.contact.ContactSpec;
import io.followup.testing.MutableClock;
import io.followup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * N enrollments due at once, in-process on the real daemon's objects: enrolling them, dispatching the due first steps
 * (render + draft), an empty dispatch pass with N enrollments active, and sending the N messages to a raw SMTP sink
 * with caps wide open, beside a plain client sending to the same sink in the same run.
 */
final class DispatchSendBenchmark {

    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final int BATCH = 200;
    /** A pass of the send chore; longer than the daemon's (10 s) so that one pass drains the queue. */
    private static final java.time.Duration SEND_PASS = java.time.Duration.ofMinutes(10);
    /** The daemon's dispatch batch (a pass takes such batches until its interval is nearly spent). */
    private static final int DISPATCH_BATCH = 500;
    /** Enrolled through the API one by one (timed); the rest of the N come in by CSV import. */
    private static final int ONE_BY_ONE = 200;

    private final TestDatabase.Kind kind;
    private final int due;
    private final Path dir;

    DispatchSendBenchmark(TestDatabase.Kind kind, int due, Path dir) {
        this.kind = kind;
        this.due = due;
        this.dir = dir;
    }

    void run(BenchTable table, Bench.Options options) throws Exception {
        Files.createDirectories(dir);
        try (RawSmtpSink sink = new RawSmtpSink(); TestDatabase database = TestDatabase.create(kind, dir)) {
            int mailboxes = Math.max(1, options.sendMailboxes());
            double limitBefore = PlainSmtpClient.rate(sink.port(), Math.min(due, 5_000), mailboxes);
            sink.resetIds();
            Path configFile = BenchFiles.write(dir, database, sink.port(), 1, 0, 1, mailboxes);
            AppConfig config = new ConfigLoader(dir, BenchFiles.ENVIRONMENT).load(configFile);
            MutableClock clock = new MutableClock(START);
            try (Daemon daemon = Daemon.open(config, SequenceLoader.load(config, dir), clock)) {
                if (options.active() > 0) {
                    new BenchData(daemon.database().jdbi(), BenchFiles.SEQUENCE, "main").activeEnrollments("active",
                            options.active(), START.plus(java.time.Duration.ofDays(365)), START);
                }
                long start = System.nanoTime();
                int oneByOne = Math.min(due, ONE_BY_ONE);
                for (int i = 0; i < oneByOne; i++) {
                    daemon.enrollments().enroll(ContactSpec.of("due" + i + "@example" + (i % 97) + ".org",
                            "Due Contact" + i).withFields(Map.of("met_at", "the spring fair")),
                            BenchFiles.sequence(i % mailboxes), "bench");
                }
                double enrollMs = (System.nanoTime() - start) / 1e6 / oneByOne;
                if (due > oneByOne && options.bulk()) {
                    long generating = System.nanoTime();
                    new BenchData(daemon.database().jdbi(), BenchFiles.SEQUENCE, "main").dueEnrollments("burst",
                            due - oneByOne, START);
                    System.out.printf(Locale.ROOT, "[bench] %,d due enrollments generated: %.1f s%n", due - oneByOne,
                            (System.nanoTime() - generating) / 1e9);
                } else if (due > oneByOne) {
                    for (int mailbox = 0; mailbox < mailboxes; mailbox++) {
                        daemon.enrollments().importCsv(dueCsv(oneByOne, due, mailbox, mailboxes),
                                BenchFiles.sequence(mailbox), false);
                    }
                }
                table.add(new BenchTable.Row(String.format(Locale.ROOT, "enroll one by one (API), %s", kind),
                        BenchTable.millis(enrollMs) + " per contact", "-", "-", "(see import)", true));

                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                // MariaDB only: what the server did meanwhile (disk reads of the buffer pool, pages written, redo)
                InnodbCounters server = kind == TestDatabase.Kind.MARIADB
                        ? InnodbCounters.start(daemon.database().jdbi()) : null;
                long cpuStart = threads.getCurrentThreadCpuTime();
                start = System.nanoTime();
                int dispatched = 0;
                for (int pass = 0; pass < due; pass++) {
                    int count = daemon.dispatcher().dispatchDue(DISPATCH_BATCH);
                    if ((dispatched + count) / 100_000 > dispatched / 100_000) {
                        System.out.printf(Locale.ROOT, "[bench] %,d dispatched: %.1f s%n", dispatched + count,
                                (System.nanoTime() - start) / 1e9);
                    }
                    dispatched += count;
                    if (count == 0) {
                        break;
                    }
                    if (server != null && pass % 20 == 19) {
                        server.sample();
                    }
                }
                double dispatchMs = (System.nanoTime() - start) / 1e6 / Math.max(1, dispatched);
                // the dispatching thread's own CPU (reading, rendering, binding; the server's work not included):
                // unlike the wall time, it hardly moves with the machine's load
                double dispatchCpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / Math.max(1, dispatched);
                if (options.runs("dispatch")) {
                    table.add(new BenchTable.Row(String.format(Locale.ROOT, "dispatch, the dispatching thread's CPU, %s",
                            kind), BenchTable.millis(dispatchCpuMs) + " per enrollment", "-", "-", "(see dispatch)", true));
                    table.add(new BenchTable.Row(String.format(Locale.ROOT, "dispatch %,d due at once (%,d active), %s",
                            dispatched, due + options.active(), kind), BenchTable.millis(dispatchMs) + " per enrollment", "-", "-",
                            "<= 0.25 ms", dispatchMs <= 0.25));
                    if (server != null) {
                        table.add(new BenchTable.Row(String.format(Locale.ROOT, "dispatch, the server meanwhile "
                                + "(server-wide counters), %s", kind), server.per(dispatched, "enrollment"), "-", "-",
                                "(see dispatch)", true));
                    }
                    double emptyMs = emptyPass(daemon);
                    table.add(new BenchTable.Row(String.format(Locale.ROOT, "empty dispatch pass, %,d active, %s",
                            due + options.active(), kind), BenchTable.millis(emptyMs), "-", "-", "<= 5 ms (at 1M)", emptyMs <= 5));
                }
                if (options.runs("send")) {
                    start = System.nanoTime();
                    int sent = 0;
                    for (int pass = 0; pass < due && sent < dispatched; pass++) {
                        // what the daemon's send chore runs (pages of BATCH, the pipeline kept across them)
                        int count = daemon.sender().sendAvailable(BATCH, SEND_PASS);
                        sent += count;
                        if (count == 0) {
                            break;
                        }
                    }
                    double rate = sent / ((System.nanoTime() - start) / 1e9);
                    double limitAfter = PlainSmtpClient.rate(sink.port(), Math.min(due, 5_000), mailboxes);
                    double limit = (limitBefore + limitAfter) / 2;
                    table.add(new BenchTable.Row(String.format(Locale.ROOT, "send %,d (render+MIME+SMTP+books), %s%s",
                            sent, kind, mailboxes == 1 ? "" : ", " + mailboxes + " mailboxes"),
                            BenchTable.rate(rate, "msg") + (sink.duplicates() > 0
                            ? ", " + sink.duplicates() + " DUPLICATES" : ""),
                            BenchTable.rate(limit, "msg") + " plain client, " + mailboxes
                                    + (mailboxes == 1 ? " connection" : " connections at once"),
                            BenchTable.ratio(rate / limit), ">= 40% of the limit",
                            rate >= 0.4 * limit && sink.duplicates() == 0 && sent == dispatched));
                }
            }
        }
    }

    /**
     * Contacts {@code from} (inclusive) to {@code to} (exclusive) whose number is {@code mailbox} modulo
     * {@code mailboxes}, as a CSV file.
     */
    private Path dueCsv(int from, int to, int mailbox, int mailboxes) throws java.io.IOException {
        Path file = dir.resolve("due-" + mailbox + ".csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("email,name,field:met_at\n");
            for (int i = from; i < to; i++) {
                if (i % mailboxes != mailbox) {
                    continue;
                }
                out.write("due" + i + "@example" + (i % 97) + ".org,Due Contact" + i + ",the spring fair\n");
            }
        }
        return file;
    }

    private static double emptyPass(Daemon daemon) {
        double[] samples = new double[21];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            daemon.dispatcher().dispatchDue(BATCH);
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
