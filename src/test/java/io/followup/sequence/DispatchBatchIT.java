package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The dispatcher takes its due enrollments in one transaction, with a savepoint for each. */
class DispatchBatchIT {

    @DaemonTest
    void aFailureInOneEnrollmentOfTheBatchNeitherLosesNorDuplicatesTheOthers(TestDaemon followup) {
        MutableClock clock = followup.clock();
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        Daemon daemon = followup.daemon();
        List<Long> ids = IntStream.range(0, 7).mapToObj(i -> daemon.enrollments().enroll(
                ContactSpec.of("p" + i + "@example.org", "Person " + i).withFields(Map.of("met_at", "the fair")),
                TestConfigs.SEQUENCE, "test").id()).toList();
        long broken = ids.get(3);
        // step 2 answers the thread: an In-Reply-To longer than its column fails the draft's INSERT
        daemon.database().jdbi().useHandle(handle -> handle.createUpdate("UPDATE enrollment SET next_step = 2, "
                        + "thread_subject = 'Hello', thread_refs = :refs WHERE id = :id")
                .bind("refs", "<" + "x".repeat(300) + "@example.org>").bind("id", broken).execute());
        clock.advance(Duration.ofDays(1));

        int dispatched = daemon.dispatcher().dispatchDue(100);

        assertThat(dispatched).isEqualTo(6);
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message")).isEqualTo(6);
        assertThat(followup.count("SELECT COUNT(DISTINCT enrollment_id) FROM outbound_message")).isEqualTo(6);
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message WHERE enrollment_id = " + broken)).isZero();
        assertThat(followup.count("SELECT COUNT(*) FROM event_log WHERE event = 'queued'")).isEqualTo(6);
        assertThat(followup.count("SELECT COUNT(*) FROM event_log WHERE event = 'dispatch_failed' "
                + "AND enrollment_id = " + broken)).isEqualTo(1);
        assertThat(followup.count("SELECT COUNT(*) FROM enrollment WHERE id = " + broken
                + " AND state = 'active' AND next_step = 2 AND next_due_at > " + clock.instant().toEpochMilli()))
                .isEqualTo(1);

        assertThat(daemon.dispatcher().dispatchDue(100)).isZero();
        assertThat(followup.count("SELECT COUNT(*) FROM outbound_message")).isEqualTo(6);
    }
}
