package io.followup.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.config.SchedulerConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceLoader;
import io.followup.testing.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Many mailboxes: {@code --mailboxes N} mailboxes (GreenMail users, one INBOX each) configured in one daemon, or in
 * {@code --nodes K} daemons on one database (each its own node id, in this process). Measures the time until every
 * inbox had its first look, reply delivered → enrollment stopped for replies to random mailboxes (p50/p99) beside a
 * plain IDLE client's notice of the same messages, the platform threads and RSS the daemons added, and with several
 * nodes how the folders' leases split and how long a stopped node's leases take to be taken over.
 */
final class MailboxesBenchmark {

    private static final String PASSWORD = "bench-imap-pw";

    private final TestDatabase.Kind kind;
    private final int mailboxes;
    private final int nodes;
    private final int replies;
    private final Path dir;

    MailboxesBenchmark(TestDatabase.Kind kind, int mailboxes, int nodes, int replies, Path dir) {
        this.kind = kind;
        this.mailboxes = mailboxes;
        this.nodes = nodes;
        this.replies = Math.min(replies, mailboxes);
        this.dir = dir;
    }

    void run(BenchTable table) throws Exception {
        Files.createDirectories(dir);
        GreenMail mail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));
        mail.start();
        for (int i = 0; i < mailboxes; i++) {
            mail.setUser(address(i), address(i), PASSWORD);
        }
        List<Integer> targets = new ArrayList<>();
        Random random = new Random(13);
        while (targets.size() < replies) {
            int target = random.nextInt(mailboxes);
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        List<Daemon> daemons = new ArrayList<>();
        try (TestDatabase database = TestDatabase.create(kind, dir)) {
            try {
                measure(table, database, mail, targets, daemons);
            } finally {
                long closing = System.nanoTime();
                daemons.parallelStream().forEach(daemon -> {
                    try {
                        daemon.close();
                    } catch (RuntimeException e) {
                        System.out.println("[bench] closing a node: " + e); // the dead node's database is closed
                    }
                });
                System.out.printf(Locale.ROOT, "[bench] %d node(s) closed in %.1f s%n", daemons.size(),
                        (System.nanoTime() - closing) / 1e9);
            }
        } finally {
            mail.stop();
        }
    }

    private void measure(BenchTable table, TestDatabase database, GreenMail mail, List<Integer> targets,
                         List<Daemon> daemons) throws Exception {
        Path configFile = write(database, mail.getSmtp().getPort(), mail.getImap().getPort(), targets);
        AppConfig config = new ConfigLoader(dir, Map.of("BENCH_IMAP_PASSWORD", PASSWORD)).load(configFile);
        List<SequenceDefinition> sequences = SequenceLoader.load(config, dir);
        for (int node = 0; node < nodes; node++) {
            daemons.add(Daemon.open(node(config, "bench-" + node), sequences, Clock.systemUTC()));
        }
        Daemon first = daemons.get(0);
        for (int i = 0; i < targets.size(); i++) {
            first.enrollments().enroll(ContactSpec.of("m" + i + "@example.org", "Many Contact" + i)
                    .withFields(Map.of("met_at", "the spring fair")), "seq" + targets.get(i), "bench");
        }
        first.dispatcher().dispatchDue(targets.size());
        first.sender().sendDue(targets.size());
        List<Map<String, Object>> sent = first.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT enrollment_id, message_id FROM outbound_message WHERE state = 'sent' ORDER BY id")
                .mapToMap().list());
        if (sent.size() != targets.size()) {
            throw new IllegalStateException("only " + sent.size() + " of " + targets.size() + " sent");
        }
        Map<String, Long> heard = new ConcurrentHashMap<>();
        AtomicBoolean listening = new AtomicBoolean(true);
        List<Thread> idlers = new ArrayList<>();
        for (int target : targets) {
            idlers.add(ReplyBenchmark.plainIdleClient(mail.getImap().getPort(), address(target), PASSWORD,
                    "bench-many-", heard, listening));
        }
        System.gc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long rssBefore = rssKb("VmRSS");
        long start = System.nanoTime();
        for (Daemon daemon : daemons) {
            daemon.start();
        }
        awaitCount(first, "SELECT COUNT(*) FROM mailbox_watermark", mailboxes, Duration.ofMinutes(10));
        double firstLooks = (System.nanoTime() - start) / 1e9;
        String split = "-";
        boolean even = true;
        if (nodes > 1) {
            long balanced = System.nanoTime();
            List<Long> counts = awaitEvenSplit(first, Duration.ofMinutes(3));
            double evenShare = (double) mailboxes / nodes;
            even = counts.stream().allMatch(count -> Math.abs(count - evenShare) <= evenShare * 0.1);
            split = counts + " after " + String.format(Locale.ROOT, "%.1f s",
                    (System.nanoTime() - balanced) / 1e9);
        }
        List<Double> followup = new ArrayList<>();
        List<Double> limit = new ArrayList<>();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        Session session = Session.getInstance(smtp);
        for (int i = 0; i < targets.size(); i++) {
            String token = "bench-many-" + i;
            MimeMessage reply = new MimeMessage(session);
            reply.setFrom(new InternetAddress("m" + i + "@example.org"));
            reply.setRecipient(Message.RecipientType.TO, new InternetAddress(address(targets.get(i))));
            reply.setSubject("Re: Great to meet you " + token);
            String messageId = (String) sent.get(i).get("message_id");
            reply.setHeader("In-Reply-To", messageId);
            reply.setHeader("References", messageId);
            reply.setText("Thanks, happy to talk next week!\n", "UTF-8");
            long sentAt = System.nanoTime();
            Transport.send(reply);
            long enrollment = ((Number) sent.get(i).get("enrollment_id")).longValue();
            long stoppedAt = ReplyBenchmark.awaitStopped(first, enrollment, sentAt);
            followup.add((stoppedAt - sentAt) / 1e6);
            Long heardAt = heard.get(token);
            if (heardAt != null) {
                limit.add(Math.max(0, heardAt - sentAt) / 1e6);
            }
        }
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long watcherThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("imap-")).count();
        long rss = rssKb("VmRSS");
        listening.set(false);
        idlers.forEach(Thread::interrupt);
        double p50 = ReplyBenchmark.percentile(followup, 50);
        double p99 = ReplyBenchmark.percentile(followup, 99);
        String where = String.format(Locale.ROOT, "%,d mailboxes, %d node(s), %s, JDK %d", mailboxes, nodes, kind,
                Runtime.version().feature());
        table.add(new BenchTable.Row("first look at every inbox, " + where,
                String.format(Locale.ROOT, "%.1f s", firstLooks), "-", "-", "-", true));
        table.add(new BenchTable.Row("reply -> enrollment stopped, " + followup.size() + " replies to random "
                + "mailboxes, " + where, "p50 " + BenchTable.millis(p50) + ", p99 " + BenchTable.millis(p99),
                limit.isEmpty() ? "-" : BenchTable.millis(ReplyBenchmark.percentile(limit, 50)) + " p50, "
                + BenchTable.millis(ReplyBenchmark.percentile(limit, 99)) + " p99 plain IDLE notice", "-",
                "p99 <= 2 s", p99 <= 2000));
        table.add(new BenchTable.Row("platform threads and RSS the daemon(s) added (whole process), " + where,
                String.format(Locale.ROOT, "+%,d threads (%,d in all, %,d of them imap-*), +%,d MB RSS (%,d MB in "
                        + "all)", threads - threadsBefore, threads, watcherThreads, (rss - rssBefore) / 1024,
                        rss / 1024),
                String.format(Locale.ROOT, "%,d threads, %,d MB before (GreenMail, %d plain IDLE clients)",
                        threadsBefore, rssBefore / 1024, targets.size()), "-", "bounded threads, RSS <= 1.5 GB",
                rss <= 1536L * 1024));
        if (nodes > 1) {
            table.add(new BenchTable.Row("leases per node, " + where, split, String.format(Locale.ROOT,
                    "%.0f each (even split)", (double) mailboxes / nodes), "-", "within +-10%", even));
            // node 0 dies: its connection pool closes, so it renews and releases nothing from now on (its watchers
            // stop on the failed renewal, as a node cut off from the database does)
            long died = System.nanoTime();
            first.database().close();
            Daemon survivor = daemons.get(1);
            List<Daemon> survivors = daemons.subList(1, daemons.size());
            awaitTakenOver(survivor, survivors, "bench-0", died, Duration.ofMinutes(3));
            double takeover = (System.nanoTime() - died) / 1e9;
            double watching = awaitConnected(survivor, survivors, died, Duration.ofMinutes(3));
            table.add(new BenchTable.Row("a dead node's leases taken over, " + where,
                    String.format(Locale.ROOT, "%.1f s, then %s; every folder watched (connected) again after %s",
                            takeover, leasesPerNode(survivor), watching < 0 ? "more than 3 min"
                                    : String.format(Locale.ROOT, "%.1f s", watching)), "-", "-",
                    "<= 30 s", takeover <= 30));
        }
    }

    private static String address(int mailbox) {
        return "mb" + mailbox + "@bench.test";
    }

    private static AppConfig node(AppConfig config, String nodeId) {
        return config.withNode(nodeId, new SchedulerConfig("bench-" + UUID.randomUUID(), false, Duration.ofSeconds(5),
                Duration.ofSeconds(1)));
    }

    /** followup.yaml with {@link #mailboxes} mailboxes, one sequence per mailbox that gets a reply. */
    private Path write(TestDatabase database, int smtpPort, int imapPort, List<Integer> targets) throws IOException {
        Files.createDirectories(dir.resolve("sequences"));
        Files.createDirectories(dir.resolve("templates/bench"));
        Files.writeString(dir.resolve("templates/bench/first.vm"), """
                Subject: Great to meet you, $contact.first_name

                Hi $contact.first_name,

                thank you for the conversation at $contact.met_at.

                $sender.name
                """);
        for (int target : targets) {
            Files.writeString(dir.resolve("sequences/seq" + target + ".yaml"), "name: seq" + target + "\n"
                    + "mailbox: mb" + target + "\njitter: false\n"
                    + "send_window: {days: mon-sun, start: \"00:00\", end: \"24:00\"}\n"
                    + "steps:\n  - template: bench/first\n    wait: 0\nafter_last_step:\n  wait: 5 days\n");
        }
        StringBuilder yaml = new StringBuilder("node_id: bench\n")
                .append("data_dir: ").append(dir.resolve("data")).append('\n')
                .append("templates_dir: ").append(dir.resolve("templates")).append('\n')
                .append("sequences_dir: ").append(dir.resolve("sequences")).append('\n')
                .append(database.kind() == TestDatabase.Kind.MARIADB
                        ? "database:\n  url: \"" + database.url() + "\"\n" : "")
                .append("owners:\n  - {name: Bench Owner, email: mb0@bench.test, time_zone: UTC}\n")
                .append("mailboxes:\n");
        for (int i = 0; i < mailboxes; i++) {
            yaml.append("  - name: mb").append(i).append("\n    address: ").append(address(i)).append('\n')
                    .append("    smtp: {host: 127.0.0.1, port: ").append(smtpPort).append(", security: plain}\n")
                    .append("    imap: {host: 127.0.0.1, port: ").append(imapPort).append(", security: plain, ")
                    .append("username: ").append(address(i)).append(", password: {env: BENCH_IMAP_PASSWORD}, ")
                    .append("sent_folder: none}\n")
                    .append("    caps: {per_day: 100000, per_hour: 100000, min_spacing: 0s, max_spacing: 0s}\n");
        }
        yaml.append("web:\n  listen: \"127.0.0.1:0\"\n");
        Path config = dir.resolve("followup.yaml");
        Files.writeString(config, yaml.toString());
        return config;
    }

    /** Folder leases held (unexpired) per node, once every folder is held and no node holds more than 10% over. */
    private List<Long> awaitEvenSplit(Daemon daemon, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Long> counts = List.of();
        while (System.nanoTime() < deadline) {
            counts = leasesPerNode(daemon);
            long total = counts.stream().mapToLong(Long::longValue).sum();
            double evenShare = (double) mailboxes / nodes;
            if (total == mailboxes && counts.size() == nodes
                    && counts.stream().allMatch(count -> Math.abs(count - evenShare) <= evenShare * 0.1)) {
                return counts;
            }
            Thread.sleep(200);
        }
        return counts;
    }

    private static List<Long> leasesPerNode(Daemon daemon) {
        return daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM mailbox_folder_lease WHERE expires_at >= :now GROUP BY node_id
                        ORDER BY node_id""")
                .bind("now", System.currentTimeMillis()).mapTo(Long.class).list());
    }

    private void awaitTakenOver(Daemon survivor, List<Daemon> survivors, String dead, long died, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long printed = 0;
        while (System.nanoTime() < deadline) {
            long held = survivor.database().jdbi().withHandle(handle -> handle.createQuery("""
                            SELECT COUNT(*) FROM mailbox_folder_lease WHERE expires_at >= :now AND node_id <> :dead""")
                    .bind("now", System.currentTimeMillis()).bind("dead", dead).mapTo(Long.class).one());
            if (held == mailboxes) {
                timeline(survivor, List.of(), died);
                return;
            }
            if (System.nanoTime() - printed >= 1_000_000_000L) {
                printed = System.nanoTime();
                timeline(survivor, List.of(), died); // without the connected folders: a scrape takes seconds
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the stopped node's leases were not all taken over within " + patience);
    }

    /** Seconds from {@code died} until the survivors' watchers are connected to every folder (-1: not in time). */
    private double awaitConnected(Daemon survivor, List<Daemon> survivors, long died, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            long connected = survivors.stream().mapToLong(MailboxesBenchmark::connected).sum();
            if (connected >= mailboxes) {
                timeline(survivor, survivors, died);
                return (System.nanoTime() - died) / 1e9;
            }
            timeline(survivor, survivors, died);
            Thread.sleep(1000);
        }
        return -1;
    }

    /**
     * One line of the takeover's timeline: the nodes the database sees live, the unexpired leases per node, the
     * expired ones, and the folders each of {@code survivors}' watchers hold open (a metrics scrape each: slow).
     */
    private static void timeline(Daemon survivor, List<Daemon> survivors, long died) {
        long now = System.currentTimeMillis();
        Map<String, Object> seen = survivor.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT (SELECT COUNT(*) FROM lease_node WHERE seen_at >= :since) AS live,
                        (SELECT COUNT(*) FROM mailbox_folder_lease WHERE expires_at < :now) AS expired""")
                .bind("since", now - 15_000).bind("now", now).mapToMap().one());
        List<String> perNode = survivor.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT node_id, COUNT(*) FROM mailbox_folder_lease WHERE expires_at >= :now GROUP BY node_id
                        ORDER BY node_id""")
                .bind("now", now).map((rs, ctx) -> rs.getString(1) + "=" + rs.getLong(2)).list());
        System.out.printf(Locale.ROOT, "[bench] takeover +%.1f s: live nodes %s, leases %s, expired %s, connected "
                        + "%s%n", (System.nanoTime() - died) / 1e9, seen.get("live"), perNode, seen.get("expired"),
                survivors.stream().map(daemon -> Long.toString(connected(daemon))).toList());
    }

    /** The folders a node's watchers hold open now (its {@code followup_imap_connected} gauges at 1). */
    private static long connected(Daemon daemon) {
        return daemon.metrics().scrape().lines()
                .filter(line -> line.startsWith("followup_imap_connected") && line.endsWith(" 1.0")).count();
    }

    private static void awaitCount(Daemon daemon, String sql, long expected, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            count = daemon.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
            if (count >= expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(sql + " reached " + count + " of " + expected + " within " + patience);
    }

    /** A line of /proc/self/status in kB (VmRSS, VmHWM), 0 when it cannot be read. */
    static long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
