package io.followup.sequence;

import io.followup.outbox.OutboxStore;
import io.followup.store.Deadlocks;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pause, resume and stop by hand: one enrollment, every live enrollment of a sequence, or all of them. A pause by
 * hand has no resume time; resuming makes an overdue step due now, so only the next step goes out and the steps
 * after it wait their full time (never a burst of the backlog). Stopping cancels unsent drafts. Each change is one
 * transaction per enrollment with its {@code event_log} row. Thread-safe.
 */
public final class EnrollmentControl {

    /** Which enrollments a command acts on. */
    public sealed interface Target {
        /** One enrollment by id. */
        record One(long enrollmentId) implements Target { }
        /** The live enrollments of one sequence. */
        record Sequence(String name) implements Target { }
        /** Every live enrollment. */
        record All() implements Target { }
    }

    /** How many enrollments changed, and how many were selected but not in a state the action applies to. */
    public record Outcome(int changed, int unchanged) {
    }


    private final Jdbi jdbi;
    private final Clock clock;
    private final SequenceCatalog catalog;
    private final EnrollmentStore enrollments;
    private final OutboxStore outbox;
    private final EventLog events;

    public EnrollmentControl(Jdbi jdbi, Clock clock, SequenceCatalog catalog, EnrollmentStore enrollments,
                             OutboxStore outbox, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.events = events;
    }

    /** Pauses active enrollments until resumed by hand. {@code cause} e.g. {@code "cli pause"}. */
    public Outcome pause(Target target, String cause) {
        return apply(target, (handle, id, now) -> enrollments.pause(handle, id, null, "paused by hand", now)
                && log(handle, EventKind.PAUSED, cause, id, "until resumed by hand", now));
    }

    /** Resumes paused enrollments; an overdue step becomes due now. */
    public Outcome resume(Target target, String cause) {
        return apply(target, (handle, id, now) -> enrollments.resume(handle, id, now)
                && log(handle, EventKind.RESUMED, cause, id, null, now));
    }

    /** Stops live enrollments and cancels their unsent drafts. */
    public Outcome stop(Target target, String cause) {
        return apply(target, (handle, id, now) -> {
            if (!enrollments.finish(handle, id, EnrollmentState.STOPPED, "stopped by hand", now)) {
                return false;
            }
            int cancelled = outbox.cancelUnsent(handle, id, "enrollment stopped by hand", now);
            return log(handle, EventKind.STOPPED, cause, id, cancelled + " unsent draft(s) cancelled", now);
        });
    }

    private interface Action {
        boolean apply(Handle handle, long enrollmentId, Instant now);
    }

    private Outcome apply(Target target, Action action) {
        List<Long> ids = jdbi.withHandle(handle -> select(handle, target));
        int changed = 0;
        for (long id : ids) {
            // a hand stop may meet the sender recording the same enrollment's step: the loser of a deadlock is tried
            // again (its transaction was undone as a whole)
            if (Deadlocks.retried(() -> jdbi.inTransaction(handle -> action.apply(handle, id, clock.instant())))) {
                changed++;
            }
        }
        return new Outcome(changed, ids.size() - changed);
    }

    private List<Long> select(Handle handle, Target target) {
        if (target instanceof Target.One one) {
            enrollments.byId(handle, one.enrollmentId());
            return List.of(one.enrollmentId());
        }
        if (target instanceof Target.Sequence sequence) {
            long sequenceId = catalog.sequenceId(sequence.name()).orElseThrow(() -> new EnrollmentException(
                    "unknown sequence \"" + sequence.name() + "\"; configured: "
                            + String.join(", ", catalog.sequenceNames())));
            return enrollments.liveIds(handle, sequenceId);
        }
        return enrollments.liveIds(handle, null);
    }

    private boolean log(Handle handle, EventKind event, String cause, long id, String detail, Instant now) {
        events.append(handle, now, EventLog.Event.of(event, cause).enrollment(id).detail(detail));
        return true;
    }
}
