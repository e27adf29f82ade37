package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.testing.DaemonTest;
import io.followup.testing.FaultProxy;
import io.followup.testing.MutableClock;
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

/**
 * The IMAP watcher against a real Dovecot behind a proxy that drops connections: a dropped FETCH or IDLE, a server
 * restart and a message whose body cannot be fetched lose nothing. A message that cannot be read is recorded and
 * shown to the owner before the watermark passes it, read again later, and given up on after a bounded number of
 * attempts.
 * <p>
 * H2 only: what is tested is the watcher's IMAP session (dropped FETCH and IDLE, a server restart, a body that cannot
 * be fetched). The database plays the same part as for any inbound message, and the bookkeeping of an unreadable
 * message ({@code UnreadableStore}: recorded, retried, given up on, shown to the owner) runs on both databases in
 * {@link InboundProcessingFailureIT}. Running these four cases on MariaDB too was about half of the class's 45 s
 * in CI and tested nothing more.
 */
class ImapFaultsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ALICE = "alice@example.org";
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(100);

    private TestDaemon followup;
    private TestDovecot dovecot;
    private FaultProxy proxy;
    private Daemon daemon;
    private MutableClock clock;
    private Enrollment alice;

    /** Starts the daemon, reading Dovecot through a fault proxy, on the system time; Alice is enrolled. */
    private void start(TestDaemon testDaemon) {
        followup = testDaemon;
        dovecot = followup.dovecot();
        proxy = followup.closing(new FaultProxy(dovecot.port()));
        clock = followup.clock();
        clock.set(Instant.now());
        // the faults below make the watcher reconnect many times: 100 ms doubling instead of 1 s doubling
        daemon = followup.watchDovecotAt(proxy.port())
                .configure(config -> TestConfigs.withReconnectDelay(config, RECONNECT_DELAY)).start();
        alice = followup.enroll(ALICE, "Alice Adams", "the meetup");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM mailbox_watermark") == 1);
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void aMessageThatCannotBeReadIsRecordedForTheOwnerThenReadOnALaterAttempt(TestDaemon testDaemon) {
        start(testDaemon);
        String broken = dovecot.deliverUnreadable(reply(1, "the reply Dovecot cannot read yet"));
        dovecot.deliver(note(2, "a note after it"));

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message "
                + "WHERE message_id = '<m2@example.org>'") == 1
                && count("SELECT COUNT(*) FROM inbound_unreadable WHERE state = 'retrying'") == 1);
        long unreadableUid = one("SELECT uid FROM inbound_unreadable WHERE state = 'retrying'");
        assertThat(watermarkUid()).isGreaterThan(unreadableUid);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'inbound_unreadable'")).isEqualTo(1);
        assertThat(followup.needsYou().unreadable()).singleElement()
                .satisfies(item -> assertThat(item.what()).contains("cannot be read yet"));
        assertThat(followup.state(alice.id())).isEqualTo(EnrollmentState.ACTIVE);

        dovecot.makeReadable(broken);
        clock.advance(Duration.ofMinutes(2));

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message "
                + "WHERE message_id = '<m1@example.org>' AND kind = 'human_reply'") == 1);
        assertThat(one("SELECT uid FROM inbound_message WHERE message_id = '<m1@example.org>'"))
                .isEqualTo(unreadableUid);
        assertThat(count("SELECT COUNT(*) FROM inbound_unreadable WHERE state = 'read'")).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> followup.state(alice.id()) == EnrollmentState.STOPPED);
        assertThat(followup.needsYou().unreadable()).isEmpty();
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void aMessageThatNeverBecomesReadableIsGivenUpOnAfterBoundedAttemptsAndStaysVisible(TestDaemon testDaemon) {
        start(testDaemon);
        dovecot.deliverUnreadable(reply(1, "never readable"));
        UnreadableRetries.awaitGivingUp(followup, PATIENCE);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE kind = 'other' AND error IS NOT NULL"))
                .isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        dovecot.deliver(note(2, "a later note"));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 2);
        assertThat(count("SELECT attempts FROM inbound_unreadable")).isEqualTo(UnreadableRetry.DEFAULT.maxAttempts());
        assertThat(followup.needsYou().unreadable()).singleElement()
                .satisfies(item -> assertThat(item.what()).contains("could not be read after 5 attempt(s)"));
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void aConnectionDroppedInTheMiddleOfAFetchLosesNothingAndRecordsNothingUnreadable(TestDaemon testDaemon) {
        start(testDaemon);
        proxy.dropDuring("BODY.PEEK[]", 600);
        dovecot.deliver(reply(1, "a long reply\r\n" + "x".repeat(76) .concat("\r\n").repeat(2_000)));

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message "
                + "WHERE message_id = '<m1@example.org>' AND kind = 'human_reply'") == 1);
        assertThat(proxy.drops()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbound_unreadable")).isZero();
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE error IS NOT NULL")).isZero();
        await().atMost(PATIENCE).until(() -> followup.state(alice.id()) == EnrollmentState.STOPPED);
    }

    @DaemonTest(TestDatabase.Kind.H2)
    void aConnectionDroppedDuringIdleAndAServerRestartLoseNothing(TestDaemon testDaemon) throws Exception {
        start(testDaemon);
        dovecot.deliver(note(1, "before the drop"));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 1);

        proxy.dropAll();
        dovecot.deliver(note(2, "after the drop"));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 2);

        dovecot.restart();
        dovecot.deliver(note(3, "after the restart"));
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 3);

        assertThat(count("SELECT COUNT(DISTINCT message_id) FROM inbound_message")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM inbound_unreadable")).isZero();
        assertThat(watermarkUid()).isEqualTo(one("SELECT MAX(uid) FROM inbound_message"));
    }

    /** A reply from Alice: it stops her enrollment. */
    private byte[] reply(int number, String text) {
        return message(number, "Alice Adams <" + ALICE + ">", text);
    }

    /** A message from someone followup does not know: recorded, acts on nothing. */
    private byte[] note(int number, String text) {
        return message(number, "Bob Brown <bob@example.net>", text);
    }

    private byte[] message(int number, String from, String text) {
        String envelope = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
        return ("Return-Path: <" + envelope + ">\r\nFrom: " + from + "\r\nTo: " + TestMail.OWNER
                + "\r\nSubject: note " + number
                + "\r\nMessage-ID: <m" + number + "@example.org>\r\nDate: "
                + new MailDateFormat().format(Date.from(clock.instant())) + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private long watermarkUid() {
        return one("SELECT last_uid FROM mailbox_watermark");
    }

    private long one(String sql) {
        return count(sql);
    }

    private long count(String sql) {
        return followup.count(sql);
    }
}
