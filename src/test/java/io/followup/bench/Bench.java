package io.followup.bench;

import io.followup.testing.TestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * followup's benchmark suite: {@code mvn -Pbench verify} (arguments with {@code -Dbench="--rows 1000000 --only
 * import"}). Each benchmark measures a figure of the scale issue beside the machine's limit in the same run (a raw
 * SMTP sink, a plain batched insert, a plain IMAP IDLE client) and prints one table; the table is also written to
 * {@code target/bench/results.md}. Runs against H2 and, when {@code FOLLOWUP_TEST_MARIADB_URL} is set, MariaDB.
 *
 * <p>Options: {@code --only import,dispatch,send,reply,mailboxes,digest,pages}; {@code --rows N} contacts for the
 * import (default 100,000); {@code --due N} enrollments due at once for dispatch and send (default 5,000; 200 of
 * them enrolled through the API, the others imported from a CSV, or with {@code --bulk} generated set-based: the
 * way to a million due);
 * {@code --active N} more active enrollments, not due, beside them (generated, default 0); {@code --digest N}
 * enrollments of the digest's owner (default 100,000); {@code --pages N} contacts, enrollments and messages behind
 * the web pages (default 1,000,000); {@code --replies N}
 * (default 60); {@code --load N} messages sent by a second mailbox while the replies come (default 20,000; 0: no
 * load); {@code --imap greenmail|greenmail-nodelay|dovecot} the reply benchmark's IMAP server (default greenmail;
 * greenmail-nodelay sets TCP_NODELAY on GreenMail's IMAP connections; dovecot needs root and dovecot-imapd);
 * {@code --mailboxes N} mailboxes watched (default 100) by {@code --nodes K} daemons on one database
 * (default 1); {@code --mailboxes-send N} mailboxes the send figure's messages are spread over (default 1), beside a
 * plain client over as many connections at once; {@code --db h2|mariadb} (default both when available).
 */
public final class Bench {

    private Bench() {
    }

    /** Parsed command-line options. */
    record Options(Set<String> only, int rows, int due, boolean bulk, int active, int replies, int load, int digest,
                   int pages, int mailboxes, int nodes, ReplyBenchmark.Imap imap, int sendMailboxes,
                   List<TestDatabase.Kind> databases) {

        boolean runs(String name) {
            return only.isEmpty() || only.contains(name);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path work = Files.createTempDirectory("followup-bench");
        BenchTable table = new BenchTable();
        System.out.println("[bench] " + machine() + "; databases " + options.databases() + "; work dir " + work);
        for (TestDatabase.Kind kind : options.databases()) {
            if (options.runs("import")) {
                new ImportBenchmark(kind, options.rows(), work.resolve("import-" + kind)).run(table);
            }
            if (options.runs("dispatch") || options.runs("send")) {
                new DispatchSendBenchmark(kind, options.due(), work.resolve("send-" + kind)).run(table, options);
            }
            if (options.runs("reply")) {
                new ReplyBenchmark(kind, options.replies(), options.load(), options.imap(),
                        work.resolve("reply-" + kind)).run(table);
            }
            if (options.runs("mailboxes")) {
                new MailboxesBenchmark(kind, options.mailboxes(), options.nodes(), options.replies(),
                        work.resolve("mailboxes-" + kind)).run(table);
            }
            if (options.runs("digest")) {
                new DigestBenchmark(kind, options.digest(), work.resolve("digest-" + kind)).run(table);
            }
            if (options.runs("pages")) {
                new PagesBenchmark(kind, options.pages(), work.resolve("pages-" + kind)).run(table);
            }
        }
        String report = "Machine: " + machine() + ", " + LocalDate.now() + "\n\n" + table.markdown();
        Path out = Path.of("target", "bench", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.exit(0);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + ManagementFactory.getOperatingSystemMXBean().getName() + " "
                + ManagementFactory.getOperatingSystemMXBean().getVersion() + ", JDK " + Runtime.version();
    }

    private static Options parse(String[] args) throws IOException {
        Set<String> only = new LinkedHashSet<>();
        int rows = 100_000;
        int due = 5_000;
        boolean bulk = false;
        int active = 0;
        int replies = 60;
        int load = 20_000;
        int digest = 100_000;
        int pages = 1_000_000;
        int mailboxes = 100;
        int nodes = 1;
        ReplyBenchmark.Imap imap = ReplyBenchmark.Imap.GREENMAIL;
        int sendMailboxes = 1;
        List<TestDatabase.Kind> databases = new ArrayList<>(TestDatabase.kinds().toList());
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--only" -> { only.addAll(Arrays.asList(required(args[i], value).split(","))); i++; }
                case "--rows" -> { rows = Integer.parseInt(required(args[i], value)); i++; }
                case "--due" -> { due = Integer.parseInt(required(args[i], value)); i++; }
                case "--bulk" -> bulk = true;
                case "--active" -> { active = Integer.parseInt(required(args[i], value)); i++; }
                case "--replies" -> { replies = Integer.parseInt(required(args[i], value)); i++; }
                case "--load" -> { load = Integer.parseInt(required(args[i], value)); i++; }
                case "--digest" -> { digest = Integer.parseInt(required(args[i], value)); i++; }
                case "--pages" -> { pages = Integer.parseInt(required(args[i], value)); i++; }
                case "--mailboxes" -> { mailboxes = Integer.parseInt(required(args[i], value)); i++; }
                case "--nodes" -> { nodes = Integer.parseInt(required(args[i], value)); i++; }
                case "--imap" -> { imap = ReplyBenchmark.Imap.parse(required(args[i], value)); i++; }
                case "--mailboxes-send" -> { sendMailboxes = Integer.parseInt(required(args[i], value)); i++; }
                case "--db" -> {
                    databases = List.of(TestDatabase.Kind.valueOf(required(args[i], value).toUpperCase()));
                    i++;
                }
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --only, --rows, --due, --bulk, --active, --replies, --load, --digest, --pages, --mailboxes, "
                        + "--nodes, --imap, --mailboxes-send, --db)");
            }
        }
        return new Options(only, rows, due, bulk, active, replies, load, digest, pages, mailboxes, nodes, imap,
                sendMailboxes,
                databases);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
