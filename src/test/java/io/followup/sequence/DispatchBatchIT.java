package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The dispatcher renders a batch of due enrollments, then claims them and inserts their drafts in one transaction
 * with multi-row statements; when that fails, it takes the batch again with a savepoint for each enrollment.
 */
class DispatchBatchIT {

    @DaemonTest
    void aFailureInOneEnrollmentOfTheBatchNeitherLosesNorDuplicatesTheOthers(TestDaemon followup) {
        List<Long> ids = enrolled(followup, "p", 7);
        long broken = ids.get(3);
        // step 2 answers the thread: an In-Reply-To longer than its column fails the draft's INSERT
        followup.daemon().database().jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE enrollment SET next_step = 2, thread_subject = 'Hello', thread_refs = :refs "
                                + "WHERE id = :id")
                .bind("refs", "<" + "x".repeat(300) + "@example.org>").bind("id", broken).execute());

        assertThat(dispatchADayLater(followup)).isEqualTo(6);

        assertOneDraftEach(followup, 6);
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message WHERE enrollment_id = " + broken)).isZero();
        assertThat(followup.eventCount("queued")).isEqualTo(6);
        assertThat(followup.count("SELECT COUNT(*) FROM event_log WHERE event = 'dispatch_failed' "
                + "AND enrollment_id = " + broken)).isEqualTo(1);
        assertThat(followup.count("SELECT COUNT(*) FROM enrollment WHERE id = " + broken
                + " AND state = 'active' AND next_step = 2 AND next_due_at > "
                + followup.clock().instant().toEpochMilli())).isEqualTo(1);

        assertThat(followup.daemon().dispatcher().dispatchDue(100)).isZero();
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message")).isEqualTo(6);
    }

    @DaemonTest
    void aStepWhoseDraftExistsAlreadyIsNotDraftedAgainAndTheRestOfTheBatchIs(TestDaemon followup) {
        List<Long> ids = enrolled(followup, "q", 5);
        long drafted = ids.get(2);
        followup.daemon().database().jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO outbound_message (enrollment_id, mailbox_id, step_no, attempt, idempotency_key,
                               state, message_id, template, from_address, to_address, created_at, updated_at)
                        SELECT id, mailbox_id, 1, 1, CONCAT(id, ':1:1'), 'queued', '<earlier@example.org>',
                               'intro/first', 'me@example.org', 'q2@example.org', 0, 0 FROM enrollment WHERE id = :id""")
                .bind("id", drafted).execute());

        assertThat(dispatchADayLater(followup)).isEqualTo(4);

        assertOneDraftEach(followup, 5);
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message WHERE enrollment_id = " + drafted
                + " AND message_id = '<earlier@example.org>'")).isEqualTo(1);
        assertThat(followup.eventCount("queued")).isEqualTo(4);
        assertThat(followup.eventCount("dispatch_failed")).isZero();
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message o JOIN contact c ON c.email = o.to_address "
                + "WHERE o.tier <> c.tier")).isZero();
        assertThat(followup.daemon().dispatcher().dispatchDue(100)).isZero();
    }

    @DaemonTest
    void aContactSuppressedBeforeTheBatchIsStoppedNotDraftedAndTheOthersAreDraftedOnce(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        List<Long> ids = enrolled(followup, "s", 6);
        long suppressed = ids.get(4);
        daemon.database().jdbi().useTransaction(handle -> daemon.suppressions().add(handle, "s4@example.org",
                "asked not to be mailed", "test", followup.clock().instant()));

        assertThat(dispatchADayLater(followup)).isEqualTo(5);

        assertOneDraftEach(followup, 5);
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message WHERE to_address = 's4@example.org'"))
                .isZero();
        assertThat(followup.count("SELECT COUNT(*) FROM enrollment WHERE id = " + suppressed
                + " AND state = 'stopped'")).isEqualTo(1);
        assertThat(followup.eventCount("queued")).isEqualTo(5);
        assertThat(followup.eventCount("dispatch_failed")).isZero();
        assertThat(daemon.dispatcher().dispatchDue(100)).isZero();
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message")).isEqualTo(5);
    }

    /** Moves the clock a day on (the next steps due) and runs one dispatch batch; how many steps it drafted. */
    private static int dispatchADayLater(TestDaemon followup) {
        followup.clock().advance(Duration.ofDays(1));
        return followup.daemon().dispatcher().dispatchDue(100);
    }

    /** {@code count} messages in the outbox, for {@code count} different enrollments: none drafted twice. */
    private static void assertOneDraftEach(TestDaemon followup, int count) {
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message")).isEqualTo(count);
        assertThat(followup.count("SELECT COUNT(DISTINCT enrollment_id) FROM outbound_message")).isEqualTo(count);
    }

    /** {@code count} contacts {@code <prefix><i>@example.org} enrolled at 2026-03-02 10:00 UTC; their enrollment ids. */
    private static List<Long> enrolled(TestDaemon followup, String prefix, int count) {
        followup.clock().set(Instant.parse("2026-03-02T10:00:00Z"));
        return IntStream.range(0, count).mapToObj(i -> followup.daemon().enrollments().enroll(
                ContactSpec.of(prefix + i + "@example.org", "Person " + i).withFields(Map.of("met_at", "the fair")),
                TestConfigs.SEQUENCE, "test").id()).toList();
    }
}
