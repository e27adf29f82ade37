package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestDovecot;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The IMAP watcher against GreenMail and a real Dovecot: every message above the watermark is processed exactly
 * once and in UID order, a broken message is recorded and skipped, a restart resumes from the watermark, and a
 * UIDVALIDITY change re-reads the folder without acting on anything twice.
 */
class ImapWatcherIT {

    private static final Duration PATIENCE = TestDaemon.PATIENCE;
    private static final String ALICE = "alice@example.org";

    @DaemonTest(TestDatabase.Kind.H2)
    void greenMailMessagesAreProcessedOnceInOrderAcrossARestart(TestDaemon followup) {
        followup.clock().set(Instant.now());
        watchesEveryMessageOnceAcrossARestart(followup, followup.mail()::deliverRaw);
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void dovecotMessagesAreProcessedOnceInOrderAcrossARestartAndAUidValidityChange(TestDaemon followup)
            throws Exception {
        TestDovecot dovecot = followup.watchDovecot().dovecot();
        followup.clock().set(Instant.now());
        watchesEveryMessageOnceAcrossARestart(followup, dovecot::deliver);

        followup.closeDaemon();
        long oldValidity = watermark(followup).uidValidity();
        dovecot.resetUidValidity();
        dovecot.deliver(message(followup, 5, "after the rebuild"));
        followup.start();
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM inbound_message") == 9);
        assertThat(watermark(followup).uidValidity()).isNotEqualTo(oldValidity);
        assertThat(followup.count("SELECT COUNT(*) FROM inbound_message WHERE match_method = 'duplicate'"))
                .isEqualTo(4);
        assertThat(followup.count("SELECT COUNT(*) FROM inbound_message WHERE message_id = '<m5@example.org>'"))
                .isEqualTo(1);
        assertThat(followup.count("""
                SELECT COUNT(*) FROM event_log e JOIN inbound_message i ON i.id = e.inbound_id
                WHERE i.match_method = 'duplicate'""")).isZero();
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void hostileMessagesAreRecordedAndNeverStopTheWatcher(TestDaemon followup) {
        TestDovecot dovecot = followup.watchDovecot().dovecot();
        followup.clock().set(Instant.now());
        Daemon daemon = followup.start();
        io.followup.sequence.Enrollment alice = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM mailbox_watermark") == 1);

        List<byte[]> hostile = io.followup.inbound.classify.HostileMessages.all();
        hostile.forEach(dovecot::deliver);
        dovecot.deliver(message(followup, 1, "a real reply after all that"));

        await().atMost(Duration.ofSeconds(60)).until(() -> followup.count("SELECT COUNT(*) FROM inbound_message")
                == hostile.size() + 1);
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM enrollment WHERE id = "
                + alice.id() + " AND state = 'stopped'") == 1);
    }

    private void watchesEveryMessageOnceAcrossARestart(TestDaemon followup, Consumer<byte[]> deliver) {
        Daemon daemon = followup.start();
        daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams").withFields(Map.of("met_at", "the meetup")),
                TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM mailbox_watermark") == 1);

        deliver.accept(message(followup, 1, "first"));
        deliver.accept(("Content-Type: multipart/mixed; boundary=\"nope\"\r\nSubject: =?x-unknown?B?////?=\r\n"
                + "Message-ID: <m2@example.org>\r\n\r\n--wrong\r\n\u0000\u00ff garbage").getBytes(StandardCharsets.ISO_8859_1));
        deliver.accept(message(followup, 3, "third"));
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM inbound_message") == 3);

        List<Long> uids = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT uid FROM inbound_message ORDER BY id").mapTo(Long.class).list());
        assertThat(uids).isSorted().doesNotHaveDuplicates();
        assertThat(watermark(followup).lastUid()).isEqualTo(uids.get(2));
        String firstKind = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT kind FROM inbound_message WHERE message_id = '<m1@example.org>'").mapTo(String.class).one());
        assertThat(firstKind).isEqualTo("human_reply");
        assertThat(followup.count("SELECT COUNT(*) FROM enrollment WHERE state = 'stopped'")).isEqualTo(1);

        followup.closeDaemon();
        deliver.accept(message(followup, 4, "while stopped"));
        followup.start();
        await().atMost(PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM inbound_message") == 4);
        assertThat(followup.count("SELECT COUNT(DISTINCT uid) FROM inbound_message")).isEqualTo(4);
    }

    private static byte[] message(TestDaemon followup, int number, String text) {
        return ("Return-Path: <" + ALICE + ">\r\nFrom: Alice Adams <" + ALICE + ">\r\nTo: " + TestMail.OWNER
                + "\r\nSubject: note " + number
                + "\r\nMessage-ID: <m" + number + "@example.org>\r\nDate: "
                + new MailDateFormat().format(Date.from(followup.clock().instant())) + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The watermark as the database has it (read through a connection of its own: the daemon may be closed). */
    private static Watermark watermark(TestDaemon followup) {
        try (var database = followup.database().open()) {
            return database.jdbi().withHandle(handle -> new WatermarkStore().find(handle, 1, "INBOX").orElseThrow());
        }
    }
}
