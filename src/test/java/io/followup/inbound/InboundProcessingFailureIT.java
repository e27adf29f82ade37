package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentState;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import io.followup.testing.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A message whose processing throws (here the database refuses its row: a CHECK constraint the test adds, standing
 * for any data-dependent failure) is treated like an unreadable one: recorded with the error for the owner, the
 * messages after it processed, the watermark past it only once it is recorded, tried again with a growing delay, and
 * given up on visibly after a bounded number of attempts. Before, the watcher retried it forever and nothing after
 * it was processed.
 */
class InboundProcessingFailureIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ALICE = "alice@example.org";

    private TestDaemon followup;
    private TestMail mail;
    private Daemon daemon;
    private MutableClock clock;

    @DaemonTest
    void aMessageThatFailsToProcessIsRecordedDoesNotBlockTheNextAndIsProcessedOnALaterAttempt(TestDaemon given) {
        Enrollment alice = start(given);
        refuseSubject("poison");

        deliver(ALICE, "poison", "Thanks, let's talk next week.");
        deliver("bob@example.net", "a note after it", "Hello");

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message "
                + "WHERE subject = 'a note after it'") == 1);
        long poisonUid = count("SELECT uid FROM inbound_unreadable WHERE state = 'retrying'");
        assertThat(count("SELECT last_uid FROM mailbox_watermark")).isGreaterThan(poisonUid);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE uid = " + poisonUid)).isZero();
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE event = 'inbound_unreadable'")).isEqualTo(1);
        assertThat(followup.needsYou().unreadable()).singleElement().satisfies(item -> assertThat(item.what())
                .contains("processing failed").doesNotContain("INSERT").doesNotContain(ALICE)
                .doesNotContain(TestMail.OWNER_PASSWORD));
        assertThat(followup.state(alice.id())).isEqualTo(EnrollmentState.ACTIVE);

        allowSubject();
        clock.advance(Duration.ofMinutes(2));

        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message WHERE uid = " + poisonUid
                + " AND kind = 'human_reply'") == 1);
        assertThat(count("SELECT COUNT(*) FROM inbound_unreadable WHERE state = 'read'")).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> followup.state(alice.id()) == EnrollmentState.STOPPED);
        assertThat(followup.needsYou().unreadable()).isEmpty();
    }

    @DaemonTest
    void aMessageThatNeverProcessesIsGivenUpOnAfterBoundedAttemptsAndStaysVisible(TestDaemon given) {
        start(given);
        refuseSubject("poison");
        deliver(ALICE, "poison", "Thanks, let's talk next week.");
        UnreadableRetries.awaitGivingUp(followup, PATIENCE);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE kind = 'other' "
                + "AND error LIKE 'processing failed%'")).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        deliver("bob@example.net", "a later note", "Hello");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM inbound_message") == 2);
        assertThat(count("SELECT attempts FROM inbound_unreadable")).isEqualTo(UnreadableRetry.DEFAULT.maxAttempts());
        assertThat(followup.needsYou().unreadable()).singleElement()
                .satisfies(item -> assertThat(item.what()).contains("after 5 attempt(s)").contains("processing failed"));
    }

    private Enrollment start(TestDaemon given) {
        followup = given;
        mail = given.mail();
        clock = given.clock();
        clock.set(Instant.now());
        daemon = given.start();
        Enrollment alice = daemon.enrollments().enroll(ContactSpec.of(ALICE, "Alice Adams")
                .withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM outbound_message WHERE state = 'sent'") == 1
                && count("SELECT COUNT(*) FROM mailbox_watermark") == 1);
        return alice;
    }

    private void deliver(String from, String subject, String body) {
        String inReplyTo = daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT message_id FROM outbound_message WHERE state = 'sent'").mapTo(String.class).one());
        mail.deliverRaw(TestMail.rawMessage(from, subject, body, from.equals(ALICE) ? inReplyTo : null, false,
                clock.instant()), from);
    }

    private void refuseSubject(String subject) {
        daemon.database().jdbi().useHandle(handle -> handle.execute("ALTER TABLE inbound_message ADD CONSTRAINT "
                + "ck_test_refused CHECK (subject IS NULL OR subject <> '" + subject + "')"));
    }

    private void allowSubject() {
        daemon.database().jdbi().useHandle(handle -> handle.execute(
                "ALTER TABLE inbound_message DROP CONSTRAINT ck_test_refused"));
    }

    private long count(String sql) {
        return followup.count(sql);
    }
}
