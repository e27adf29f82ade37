package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Chores;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A folder's first look: mail that was in the inbox before followup ever sent anything is history and is not read,
 * but a reply to what followup sent is read even when it arrived before the watcher first connected (the IMAP
 * server was unreachable, the password wrong, the grant revoked when the daemon started).
 */
class FirstLookIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestDaemon followup;
    private Daemon daemon;

    @DaemonTest
    void aReplyThatArrivedBeforeTheWatcherFirstConnectedIsReadButOlderMailIsNot(TestDaemon given)
            throws Exception {
        followup = given;
        Instant now = Instant.now();
        followup.mail().deliverInto("INBOX", ("From: Old Friend <old@example.org>\r\nTo: " + TestMail.OWNER + "\r\n"
                + "Subject: Lunch last year\r\nMessage-ID: <old@example.org>\r\n\r\nAn old message.\r\n")
                .getBytes(StandardCharsets.UTF_8), Date.from(now.minus(Duration.ofDays(30))));
        followup.clock().set(now);
        daemon = followup.daemon();
        Enrollment alice = daemon.enrollments().enroll(ContactSpec.of("alice@example.org", "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        Chores.drain(daemon); // sent while nothing watches the inbox yet
        String sent = followup.mail().inboxOf("alice@example.org").get(0).getMessageID();
        followup.mail().reply("alice@example.org", "Re: Great to meet you, Alice", "Thanks, talk soon!", sent, sent);

        daemon.start();

        await().atMost(PATIENCE).alias("the reply is read on the first look")
                .until(() -> state(alice) == EnrollmentState.STOPPED);
        List<String> read = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT from_address FROM inbound_message").mapTo(String.class).list());
        assertThat(read)
                .as("the mail from before followup sent anything is not read").singleElement().asString()
                .contains("alice@example.org");
    }

    private EnrollmentState state(Enrollment enrollment) {
        return daemon.database().jdbi().withHandle(handle -> new EnrollmentStore().byId(handle, enrollment.id()))
                .state();
    }
}
