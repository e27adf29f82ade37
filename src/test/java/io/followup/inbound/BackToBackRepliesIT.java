package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.config.ImapConfig;
import io.followup.config.MailboxConfig;
import io.followup.sequence.Enrollment;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Replies that arrive while the watcher is busy with other messages (their transaction waits for the mailbox row,
 * held here by the test): the server announces them during that pass and not again in IDLE; the watcher reads them
 * at once after the pass, not at its next periodic wake-up (ten minutes here).
 */
class BackToBackRepliesIT {

    private static final Duration POLL = Duration.ofMinutes(10);

    @DaemonTest
    void aReplyAnnouncedWhileTheWatcherIsBusyIsReadRightAfterThePass(TestDaemon followup) {
        followup.clock().set(Instant.now());
        followup.configure(config -> {
            MailboxConfig mailbox = config.mailboxes().get(0);
            ImapConfig imap = mailbox.imap();
            return config.withMailboxes(List.of(new MailboxConfig(mailbox.name(), mailbox.address(),
                    mailbox.displayName(), mailbox.owner(), mailbox.timeZone(), mailbox.smtp(), new ImapConfig(
                    imap.host(), imap.port(), imap.security(), imap.username(), imap.password(), imap.folders(),
                    imap.idle(), POLL, imap.timeout(), imap.trust(), imap.sentFolder(), imap.junk(),
                    imap.reconnectDelay()), mailbox.caps(), mailbox.proof(), mailbox.oauth())));
        });
        followup.start();
        Enrollment alice = followup.enroll("alice@example.org", "Alice Adams", "the meetup");
        Enrollment bob = followup.enroll("bob@example.org", "Bob Brown", "the meetup");
        followup.drain();
        await().atMost(TestDaemon.PATIENCE).until(() -> followup.count("SELECT COUNT(*) FROM mailbox_watermark") == 1);
        String aliceId = messageId(followup, alice);
        String bobId = messageId(followup, bob);

        try (Handle blocker = followup.daemon().database().jdbi().open()) {
            blocker.begin();
            blocker.createQuery("SELECT id FROM mailbox WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
            followup.mail().deliverRaw(note(1));
            followup.mail().deliverRaw(note(2));
            // the watcher listed the notes and waits for the mailbox row in the first one's transaction; the replies
            // come now: the server announces them in its answer to the next command of that pass (the second
            // note's body), and not again once the watcher is in IDLE
            await().atMost(TestDaemon.PATIENCE).until(BackToBackRepliesIT::watcherWaitsInProcessing);
            followup.mail().reply("alice@example.org", "Re: hello", "Happy to talk next week.", aliceId, aliceId);
            followup.mail().reply("bob@example.org", "Re: hello", "Sounds good, call me.", bobId, bobId);
            blocker.commit(); // the replies are in the inbox (GreenMail stores a message before answering its DATA)
        }
        await().atMost(TestDaemon.PATIENCE).until(() -> followup.count(
                "SELECT COUNT(*) FROM enrollment WHERE state = 'stopped'") == 2);
        assertThat(followup.count("""
                SELECT COUNT(*) FROM inbound_message WHERE kind = 'human_reply' AND enrollment_id IS NOT NULL"""))
                .isEqualTo(2);
    }

    private static byte[] note(int number) {
        return ("From: Carol <carol@example.net>\r\nTo: " + io.followup.testing.TestMail.OWNER + "\r\nSubject: note "
                + number + "\r\nMessage-ID: <note" + number + "@example.net>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nJust a note.\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether the watcher thread is inside the processing of a message (waiting for the mailbox row). */
    private static boolean watcherWaitsInProcessing() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().startsWith("imap-") && entry.getKey().getName()
                        .endsWith("-INBOX"))
                .anyMatch(entry -> Arrays.stream(entry.getValue()).anyMatch(frame ->
                        frame.getClassName().equals(InboundProcessor.class.getName())
                                && frame.getMethodName().equals("process")));
    }

    private static String messageId(TestDaemon followup, Enrollment enrollment) {
        return followup.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT message_id FROM outbound_message WHERE enrollment_id = :id AND state = 'sent'")
                .bind("id", enrollment.id()).mapTo(String.class).one());
    }
}
