package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.contact.ContactSpec;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jdbi.v3.core.Jdbi;

/**
 * The IMAP watcher against GreenMail and a real Dovecot: every message above the watermark is processed exactly
 * once and in UID order, a broken message is recorded and skipped, a restart resumes from the watermark, and a
 * UIDVALIDITY change re-reads the folder without acting on anything twice.
 */
class ImapWatcherIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ALICE = "alice@example.org";

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private TestDovecot dovecot;
    private Daemon daemon;
    private MutableClock clock;

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
        mail.close();
        testDatabase.close();
    }

    @Test
    void greenMailMessagesAreProcessedOnceInOrderAcrossARestart() {
        AppConfig config = setUp(null);
        watchesEveryMessageOnceAcrossARestart(config, mail::deliverRaw);
    }

    @Test
    void dovecotMessagesAreProcessedOnceInOrderAcrossARestartAndAUidValidityChange() throws Exception {
        Assumptions.assumeTrue(TestDovecot.available(),
                "dovecot (package dovecot-imapd) is not installed or we are not root: Dovecot test skipped");
        dovecot = new TestDovecot();
        AppConfig config = setUp(dovecot);
        watchesEveryMessageOnceAcrossARestart(config, dovecot::deliver);

        daemon.close();
        daemon = null;
        long oldValidity = watermark().uidValidity();
        dovecot.resetUidValidity();
        dovecot.deliver(message(5, "after the rebuild"));
        daemon = Daemon.open(config, TestConfigs.intro(), clock);
        daemon.start();
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 9);
        assertThat(watermark().uidValidity()).isNotEqualTo(oldValidity);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE match_method = 'duplicate'")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE message_id = '<m5@example.org>'")).isEqualTo(1);
        assertThat(count("""
                SELECT COUNT(*) FROM event_log e JOIN inbound_message i ON i.id = e.inbound_id
                WHERE i.match_method = 'duplicate'""")).isZero();
    }

    @Test
    void hostileMessagesAreRecordedAndNeverStopTheWatcher() throws Exception {
        Assumptions.assumeTrue(TestDovecot.available(),
                "dovecot (package dovecot-imapd) is not installed or we are not root: hostile IMAP test skipped");
        dovecot = new TestDovecot();
        AppConfig config = setUp(dovecot);
        daemon = Daemon.open(config, TestConfigs.intro(), clock);
        daemon.start();
        io.followup.sequence.Enrollment alice = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark") == 1);

        List<byte[]> hostile = io.followup.inbound.classify.HostileMessages.all();
        hostile.forEach(dovecot::deliver);
        dovecot.deliver(message(1, "a real reply after all that"));

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM inbound_message")
                == hostile.size() + 1);
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM enrollment WHERE id = " + alice.id()
                + " AND state = 'stopped'") == 1);
    }

    private AppConfig setUp(TestDovecot imapServer) {
        mail = new TestMail();
        testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        clock = new MutableClock(Instant.now());
        AppConfig config = TestConfigs.aConfig(base, mail, testDatabase);
        return imapServer == null ? config
                : TestConfigs.withImap(config, imapServer.port(), TestDovecot.USER, TestDovecot.PASSWORD);
    }

    private void watchesEveryMessageOnceAcrossARestart(AppConfig config, Consumer<byte[]> deliver) {
        daemon = Daemon.open(config, TestConfigs.intro(), clock);
        daemon.start();
        daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams").withFields(Map.of("met_at", "the meetup")),
                TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark") == 1);

        deliver.accept(message(1, "first"));
        deliver.accept(("Content-Type: multipart/mixed; boundary=\"nope\"\r\nSubject: =?x-unknown?B?////?=\r\n"
                + "Message-ID: <m2@example.org>\r\n\r\n--wrong\r\n\u0000\u00ff garbage").getBytes(StandardCharsets.ISO_8859_1));
        deliver.accept(message(3, "third"));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 3);

        List<Long> uids = jdbi().withHandle(handle -> handle.createQuery(
                "SELECT uid FROM inbound_message ORDER BY id").mapTo(Long.class).list());
        assertThat(uids).isSorted().doesNotHaveDuplicates();
        assertThat(watermark().lastUid()).isEqualTo(uids.get(2));
        String firstKind = jdbi().withHandle(handle -> handle.createQuery(
                "SELECT kind FROM inbound_message WHERE message_id = '<m1@example.org>'").mapTo(String.class).one());
        assertThat(firstKind).isEqualTo("human_reply");
        assertThat(count("SELECT COUNT(*) FROM enrollment WHERE state = 'stopped'")).isEqualTo(1);

        daemon.close();
        deliver.accept(message(4, "while stopped"));
        daemon = Daemon.open(config, TestConfigs.intro(), clock);
        daemon.start();
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 4);
        assertThat(count("SELECT COUNT(DISTINCT uid) FROM inbound_message")).isEqualTo(4);
    }

    private byte[] message(int number, String text) {
        return ("Return-Path: <" + ALICE + ">\r\nFrom: Alice Adams <" + ALICE + ">\r\nTo: " + TestMail.OWNER
                + "\r\nSubject: note " + number
                + "\r\nMessage-ID: <m" + number + "@example.org>\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private Jdbi jdbi() {
        return daemon.database().jdbi();
    }

    private Watermark watermark() {
        try (var database = testDatabase.open()) {
            return database.jdbi().withHandle(handle -> new WatermarkStore().find(handle, 1, "INBOX").orElseThrow());
        }
    }

    private long count(String sql) {
        return jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
