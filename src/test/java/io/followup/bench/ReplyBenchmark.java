package io.followup.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import io.followup.contact.ContactSpec;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Reply delivered → enrollment stopped, with the daemon running (IDLE watcher and chores), beside the limit: when a
 * plain IMAP IDLE client on the same mailbox hears of the same message. The owner's mailbox is on one of
 * {@link Imap}: GreenMail's SMTP and IMAP, the same with {@code TCP_NODELAY} on GreenMail's IMAP connections, or a
 * real Dovecot (replies and the owner's notices go through an SMTP sink that drops them into its Maildir, as a
 * local delivery agent would).
 */
final class ReplyBenchmark {

    /** The owner mailbox's server ({@code --imap}). */
    enum Imap {
        /** GreenMail's SMTP and IMAP (the default). */
        GREENMAIL,
        /** GreenMail with {@code TCP_NODELAY} on its IMAP connections ({@link NoDelayGreenMail}). */
        GREENMAIL_NODELAY,
        /** A real Dovecot ({@link TestDovecot}: needs root and dovecot-imapd), delivered to through its Maildir. */
        DOVECOT;

        static Imap parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final TestDatabase.Kind kind;
    private final int replies;
    private final int load;
    private final Imap imap;
    private final Path dir;

    /** @param load messages queued in a second mailbox (to a raw SMTP sink) and sent while the replies come; 0: none */
    ReplyBenchmark(TestDatabase.Kind kind, int replies, int load, Path dir) {
        this(kind, replies, load, Imap.GREENMAIL, dir);
    }

    ReplyBenchmark(TestDatabase.Kind kind, int replies, int load, Imap imap, Path dir) {
        this.kind = kind;
        this.replies = replies;
        this.load = load;
        this.imap = imap;
        this.dir = dir;
    }

    void run(BenchTable table) throws Exception {
        Files.createDirectories(dir);
        ServerSetup[] setups = ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        // GreenMail always runs: the load mailbox's IMAP user is there (and, but for Dovecot, the owner)
        GreenMail mail = imap == Imap.GREENMAIL_NODELAY ? new NoDelayGreenMail(setups) : new GreenMail(setups);
        mail.start();
        mail.setUser(BenchFiles.OWNER, BenchFiles.OWNER, BenchFiles.PASSWORD);
        mail.setUser(BenchFiles.LOAD_ADDRESS, BenchFiles.LOAD_ADDRESS, BenchFiles.PASSWORD);
        TestDovecot dovecot = null;
        RawSmtpSink delivery = null;
        if (imap == Imap.DOVECOT) {
            if (!TestDovecot.available()) {
                throw new IllegalStateException("--imap dovecot needs /usr/sbin/dovecot and root");
            }
            dovecot = TestDovecot.withUser(BenchFiles.OWNER, BenchFiles.PASSWORD);
            delivery = new RawSmtpSink(BenchFiles.OWNER, dovecot::deliver);
        }
        int smtpPort = delivery != null ? delivery.port() : mail.getSmtp().getPort();
        int greenMailImap = NoDelayGreenMail.imapPort(mail);
        int imapPort = dovecot != null ? dovecot.port() : greenMailImap;
        try (TestDatabase database = TestDatabase.create(kind, dir); RawSmtpSink sink = new RawSmtpSink()) {
            Path configFile = BenchFiles.write(dir, database, smtpPort, imapPort, load > 0 ? sink.port() : 0,
                    greenMailImap);
            AppConfig config = new ConfigLoader(dir, BenchFiles.ENVIRONMENT).load(configFile);
            try (Daemon daemon = Daemon.open(config, SequenceLoader.load(config, dir), Clock.systemUTC())) {
                int count = replies + 1;
                // one enrollment more, never replied to: the load's messages belong to it (a reply's stop cancels
                // the unsent messages of its enrollment; with the first reply's, it cancelled the whole load)
                for (int i = 0; i <= count; i++) {
                    daemon.enrollments().enroll(ContactSpec.of("r" + i + "@example.org", "Reply Contact" + i)
                            .withFields(Map.of("met_at", "the spring fair")), BenchFiles.SEQUENCE, "bench");
                }
                daemon.dispatcher().dispatchDue(count + 1);
                daemon.sender().sendDue(count + 1);
                List<long[]> sent = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT enrollment_id FROM outbound_message WHERE state = 'sent' ORDER BY id")
                        .map((rs, ctx) -> new long[] {rs.getLong(1)}).list());
                List<String> ids = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT message_id FROM outbound_message WHERE state = 'sent' ORDER BY id")
                        .mapTo(String.class).list());
                if (sent.size() != count + 1) {
                    throw new IllegalStateException("only " + sent.size() + " of " + (count + 1)
                            + " first touches sent");
                }
                Properties smtp = new Properties();
                smtp.put("mail.smtp.host", "127.0.0.1");
                smtp.put("mail.smtp.port", Integer.toString(smtpPort));
                Session session = Session.getInstance(smtp);
                Map<String, Long> heard = new ConcurrentHashMap<>();
                AtomicBoolean listening = new AtomicBoolean(true);
                Thread idler = plainIdleClient(imapPort, BenchFiles.OWNER, BenchFiles.PASSWORD,
                        "bench-reply-", heard, listening);
                if (load > 0) {
                    queueLoad(daemon, load);
                }
                // -Dbench.reply.statements: count the JDBI statements the owner's watcher runs (a figure the load does
                // not change; the event_log inserts go through plain JDBC and are not counted)
                java.util.concurrent.atomic.AtomicLong statements = new java.util.concurrent.atomic.AtomicLong();
                if (Boolean.getBoolean("bench.reply.statements")) {
                    daemon.database().jdbi().getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setSqlLogger(
                            new org.jdbi.v3.core.statement.SqlLogger() {
                                @Override
                                public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                                    if (Thread.currentThread().getName().startsWith("imap-main-")) {
                                        statements.incrementAndGet();
                                    }
                                }
                            });
                }
                daemon.start();
                awaitWatching(daemon);
                long statementsBefore = statements.get();
                if (load > 0) {
                    awaitLoadRunning(sink);
                }
                long loadBefore = sink.messages();
                long loadStart = System.nanoTime();
                List<Double> followup = new ArrayList<>();
                List<Double> limit = new ArrayList<>();
                List<Double> own = new ArrayList<>();
                int beforeNotice = 0;
                // -Dbench.reply.trace: one line a reply (wall-clock ms of sent, heard by the plain client, stopped),
                // to find the slow replies in a profile of the same run
                boolean trace = Boolean.getBoolean("bench.reply.trace");
                long epochNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long enrollment = sent.get(i)[0];
                    String token = "bench-reply-" + i;
                    MimeMessage reply = new MimeMessage(session);
                    reply.setFrom(new InternetAddress("r" + i + "@example.org"));
                    reply.setRecipient(Message.RecipientType.TO, new InternetAddress(BenchFiles.OWNER));
                    reply.setSubject("Re: Great to meet you " + token);
                    reply.setHeader("In-Reply-To", ids.get(i));
                    reply.setHeader("References", ids.get(i));
                    reply.setText("Thanks, happy to talk next week!\n", "UTF-8");
                    long start = System.nanoTime();
                    Transport.send(reply);
                    long stoppedAt = awaitStopped(daemon, enrollment, start);
                    // the plain client may hear of it after the stop (Dovecot delays its IDLE notices while a
                    // busy watcher's own commands make it look at the mailbox at once): wait for it, up to 3 s
                    while (!heard.containsKey(token) && System.nanoTime() - stoppedAt < 3_000_000_000L) {
                        Thread.sleep(1);
                    }
                    if (i > 0) {
                        followup.add((stoppedAt - start) / 1e6);
                        Long heardAt = heard.get(token);
                        if (heardAt != null) {
                            limit.add(Math.max(0, heardAt - start) / 1e6);
                            own.add(Math.max(0, stoppedAt - heardAt) / 1e6);
                            if (heardAt > stoppedAt) {
                                beforeNotice++;
                            }
                        }
                    }
                    if (trace) {
                        Long heardAt = heard.get(token);
                        System.out.printf(Locale.ROOT, "reply %d sent %.3f heard %s stopped %.3f own %s ms%n", i,
                                (epochNanos + start) / 1e6, heardAt == null ? "-" : String.format(Locale.ROOT, "%.3f",
                                        (epochNanos + heardAt) / 1e6), (epochNanos + stoppedAt) / 1e6,
                                heardAt == null ? "-" : String.format(Locale.ROOT, "%.1f", (stoppedAt - heardAt) / 1e6));
                    }
                }
                if (Boolean.getBoolean("bench.reply.statements")) {
                    System.out.printf(Locale.ROOT, "[bench] the owner's watcher ran %d JDBI statements for %d replies"
                            + " (and their owner notices): %.1f a reply%n", statements.get() - statementsBefore, count,
                            (statements.get() - statementsBefore) / (double) count);
                }
                double loadRate = (sink.messages() - loadBefore) / ((System.nanoTime() - loadStart) / 1e9);
                int loadLeft = load <= 0 ? 0 : daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM outbound_message WHERE state = 'queued'").mapTo(Integer.class).one());
                listening.set(false);
                idler.interrupt();
                double p50 = percentile(followup, 50);
                double p99 = percentile(followup, 99);
                String limitText = limit.isEmpty() ? "-" : BenchTable.millis(percentile(limit, 50))
                        + " p50 plain IDLE notice";
                String under = (load <= 0 ? "no send load" : String.format(Locale.ROOT,
                        "under a send load of %s%s", BenchTable.rate(loadRate, "msg"),
                        loadLeft == 0 ? " (the load ran out before the last reply)" : "")) + ", IMAP " + imap.label();
                table.add(new BenchTable.Row(String.format(Locale.ROOT,
                        "reply delivered -> enrollment stopped, %d replies, %s, %s", followup.size(), under, kind),
                        "p50 " + BenchTable.millis(p50) + ", p99 " + BenchTable.millis(p99), limitText, "-",
                        "p50 <= 100 ms, p99 <= 300 ms", p50 <= 100 && p99 <= 300));
                // followup's own part: from when a plain IDLE client heard of the reply to the stop committed
                double ownP50 = percentile(own, 50);
                double ownP99 = percentile(own, 99);
                table.add(new BenchTable.Row(String.format(Locale.ROOT,
                        "reply -> action, followup's own part (IMAP notice -> stop committed), %d replies%s, %s, %s",
                        own.size(), beforeNotice == 0 ? "" : " (" + beforeNotice + " stopped before the plain client"
                                + " heard of them: counted as 0)", under, kind), "p50 " + BenchTable.millis(ownP50) + ", p99 "
                        + BenchTable.millis(ownP99), limitText, "-", "p50 <= 100 ms, p99 <= 300 ms",
                        ownP50 <= 100 && ownP99 <= 300));
            }
        } finally {
            mail.stop();
            if (delivery != null) {
                delivery.close();
            }
            if (dovecot != null) {
                dovecot.close();
            }
        }
    }

    /**
     * Queues {@code count} copies of a sent first touch in the {@code load} mailbox (kind notice: they move no
     * enrollment), each with its own Message-ID, for the daemon's send chore to send while the replies come. They
     * belong to the last enrollment, which no reply stops.
     */
    private static void queueLoad(Daemon daemon, int count) {
        daemon.database().jdbi().useTransaction(handle -> {
            long mailbox = handle.createQuery("SELECT id FROM mailbox WHERE name = 'load'").mapTo(Long.class).one();
            Map<String, Object> model = handle.createQuery("SELECT * FROM outbound_message ORDER BY id DESC LIMIT 1")
                    .mapToMap().one();
            var batch = handle.prepareBatch("""
                    INSERT INTO outbound_message (kind, enrollment_id, mailbox_id, step_no, attempt, idempotency_key,
                        state, message_id, template, from_address, from_name, to_address, to_name, subject,
                        body_text, created_at, updated_at)
                    VALUES ('notice', :enrollment, :mailbox, 0, 1, :key, 'queued', :messageId, :template,
                        :fromAddress, 'Load', :toAddress, 'Load Recipient', :subject, :text, :now, :now)""");
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                batch.bind("enrollment", model.get("enrollment_id")).bind("mailbox", mailbox)
                        .bind("key", "bench-load-" + i).bind("messageId", "<bench-load-" + i + "@bench.test>")
                        .bind("template", model.get("template")).bind("fromAddress", BenchFiles.LOAD_ADDRESS)
                        .bind("toAddress", "load" + i + "@example.net").bind("subject", model.get("subject"))
                        .bind("text", model.get("body_text")).bind("now", now).add();
                if (i % 1000 == 999) {
                    batch.execute();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        });
    }

    /** Until the watcher took its first look at the inbox (a reply delivered before it would be below its mark). */
    private static void awaitWatching(Daemon daemon) throws InterruptedException {
        long start = System.nanoTime();
        while (daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM mailbox_watermark").mapTo(Integer.class).one()) == 0) {
            if (System.nanoTime() - start > 120_000_000_000L) {
                throw new IllegalStateException("the IMAP watcher did not look at the inbox within 2 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitLoadRunning(RawSmtpSink sink) throws InterruptedException {
        long start = System.nanoTime();
        while (sink.messages() == 0 && System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(10);
        }
    }

    static long awaitStopped(Daemon daemon, long enrollment, long start) throws InterruptedException {
        while (System.nanoTime() - start < 30_000_000_000L) {
            String state = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT state FROM enrollment WHERE id = :id").bind("id", enrollment).mapTo(String.class).one());
            if (!"active".equals(state)) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("enrollment " + enrollment + " was not stopped within 30 s of its reply");
    }

    /**
     * A plain IMAP client in IDLE on {@code user}'s inbox, noting when it hears of each reply: by the token, the end of
     * the subject from {@code prefix} on.
     */
    static Thread plainIdleClient(int port, String user, String password, String prefix, Map<String, Long> heard,
                                  AtomicBoolean listening) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", Integer.toString(port));
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect(user, password);
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                long now = System.nanoTime();
                for (Message message : event.getMessages()) {
                    try {
                        String subject = message.getSubject();
                        int at = subject == null ? -1 : subject.indexOf(prefix);
                        if (at >= 0) {
                            heard.putIfAbsent(subject.substring(at), now);
                        }
                    } catch (jakarta.mail.MessagingException e) {
                        // not one of ours
                    }
                }
            }
        });
        Thread thread = new Thread(() -> {
            try {
                while (listening.get()) {
                    inbox.idle();
                }
            } catch (jakarta.mail.MessagingException e) {
                // closed at the end
            } finally {
                try {
                    store.close();
                } catch (jakarta.mail.MessagingException e) {
                    // closing
                }
            }
        }, "bench-plain-idle-" + user);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
