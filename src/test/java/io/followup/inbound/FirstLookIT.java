package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.testing.Chores;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A folder's first look: mail that was in the inbox before followup ever sent anything is history and is not read,
 * but a reply to what followup sent is read even when it arrived before the watcher first connected (the IMAP
 * server was unreachable, the password wrong, the grant revoked when the daemon started).
 */
class FirstLookIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path base;

    private TestMail mail;
    private TestDatabase testDatabase;
    private Daemon daemon;

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    static Stream<TestDatabase.Kind> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReplyThatArrivedBeforeTheWatcherFirstConnectedIsReadButOlderMailIsNot(TestDatabase.Kind kind)
            throws Exception {
        mail = new TestMail();
        testDatabase = TestDatabase.create(kind, base);
        Instant now = Instant.now();
        mail.deliverInto("INBOX", ("From: Old Friend <old@example.org>\r\nTo: " + TestMail.OWNER + "\r\n"
                + "Subject: Lunch last year\r\nMessage-ID: <old@example.org>\r\n\r\nAn old message.\r\n")
                .getBytes(StandardCharsets.UTF_8), Date.from(now.minus(Duration.ofDays(30))));
        daemon = Daemon.open(TestConfigs.aConfig(base, mail, testDatabase), new MutableClock(now));
        Enrollment alice = daemon.enrollments().enroll(ContactSpec.of("alice@example.org", "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        Chores.drain(daemon); // sent while nothing watches the inbox yet
        String sent = mail.inboxOf("alice@example.org").get(0).getMessageID();
        mail.reply("alice@example.org", "Re: Great to meet you, Alice", "Thanks, talk soon!", sent, sent);

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
