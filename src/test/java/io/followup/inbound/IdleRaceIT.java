package io.followup.inbound;

import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import jakarta.mail.internet.MailDateFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Mail that arrives while the watcher commits a message, after the pass's last IMAP command and before it enters
 * IDLE again, is read at once. The server announces it ({@code * N EXISTS}) ahead of its answer to IDLE; the client
 * takes the notice in while IDLE starts and, left alone, waits in IDLE for a next notice, so the mail waited for
 * the next kick (the poll interval: 60 s by default). The watcher now ends that IDLE itself. MariaDB only: the test
 * sees the watcher's pass waiting for the mailbox row in {@code information_schema.innodb_trx}; the database plays
 * no other part.
 */
class IdleRaceIT {

    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    @DaemonTest(TestDatabase.Kind.MARIADB)
    void mailArrivingWhileAPassCommitsIsReadAtOnceNotAtTheNextPoll(TestDaemon followup) {
        followup.configure(config -> withPollInterval(config, LONG_POLL));
        followup.clock().set(Instant.now());
        Daemon daemon = followup.start();
        await().atMost(TestDaemon.PATIENCE).until(() ->
                followup.count("SELECT COUNT(*) FROM mailbox_watermark") == 1);

        try (Handle lock = daemon.database().jdbi().open()) {
            lock.begin();
            lock.createQuery("SELECT id FROM mailbox FOR UPDATE").mapTo(Long.class).list();
            followup.mail().deliverRaw(message(followup, 1));
            // the watcher has fetched message 1 (its last IMAP command) and waits for the mailbox row to record it
            await().atMost(TestDaemon.PATIENCE).until(() -> followup.count(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'") > 0);
            followup.mail().deliverRaw(message(followup, 2));
            lock.rollback();
        }

        // well before the next kick (30 s): message 2 was announced just before IDLE began
        await().atMost(Duration.ofSeconds(5)).until(() ->
                followup.count("SELECT COUNT(*) FROM inbound_message") == 2);
    }

    private static AppConfig withPollInterval(AppConfig config, Duration pollInterval) {
        MailboxConfig mailbox = config.mailboxes().get(0);
        ImapConfig imap = mailbox.imap();
        ImapConfig slow = new ImapConfig(imap.host(), imap.port(), imap.security(), imap.username(), imap.password(),
                imap.folders(), imap.idle(), pollInterval, imap.timeout(), imap.trust(), imap.sentFolder(),
                imap.junk(), imap.reconnectDelay());
        return config.withMailboxes(List.of(new MailboxConfig(mailbox.name(), mailbox.address(),
                mailbox.displayName(), mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), slow, mailbox.caps(),
                mailbox.proof(), mailbox.oauth())));
    }

    private static byte[] message(TestDaemon followup, int number) {
        return ("From: Alice Adams <alice@example.org>\r\nTo: " + TestMail.OWNER + "\r\nSubject: note " + number
                + "\r\nMessage-ID: <race" + number + "@example.org>\r\nDate: "
                + new MailDateFormat().format(Date.from(followup.clock().instant())) + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nnote " + number + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
