package io.followup.sequence;

import io.followup.outbox.OutboxStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires enrollments that can no longer go on because their sequence or mailbox was removed from the configuration:
 * each ends as {@code stopped} with the reason ({@code retired: sequence "x" was removed from the configuration}),
 * its unsent drafts are cancelled and a {@code retired} event is recorded. Such an enrollment never blocks the
 * dispatcher. Stateless apart from the catalog; thread-safe.
 */
public final class EnrollmentRetirement {

    /** The event recorded for each retired enrollment. */
    public static final EventKind EVENT = EventKind.RETIRED;

    private static final Logger log = LoggerFactory.getLogger(EnrollmentRetirement.class);

    private final SequenceCatalog catalog;
    private final EnrollmentStore enrollments;
    private final OutboxStore outbox;
    private final EventLog events;

    public EnrollmentRetirement(SequenceCatalog catalog, EnrollmentStore enrollments, OutboxStore outbox,
                                EventLog events) {
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.events = events;
    }

    /**
     * In the caller's transaction: retires {@code enrollment} if its sequence or mailbox is gone.
     *
     * @return true when it was retired (the caller must not go on with it)
     */
    public boolean retireIfRemoved(Handle handle, Enrollment enrollment, Instant now) {
        Optional<String> reason = catalog.removedReason(handle, enrollment);
        if (reason.isEmpty()) {
            return false;
        }
        String stopReason = "retired: " + reason.get();
        if (enrollments.finish(handle, enrollment.id(), EnrollmentState.STOPPED, stopReason, now)) {
            int cancelled = outbox.cancelUnsent(handle, enrollment.id(), stopReason, now);
            events.append(handle, now, EventLog.Event.of(EVENT, "configuration").enrollment(enrollment.id())
                    .contact(enrollment.contactId()).detail(reason.get() + "; " + cancelled
                            + " unsent draft(s) cancelled"));
            log.info("enrollment #{} retired: {}", enrollment.id(), reason.get());
        }
        return true;
    }

    /** Retires every live enrollment whose sequence or mailbox is gone, one transaction each; returns how many. */
    public int retireAllRemoved(Jdbi jdbi, Instant now) {
        int retired = 0;
        for (long id : jdbi.withHandle(catalog::liveOfRemoved)) {
            if (jdbi.inTransaction(handle -> retireIfRemoved(handle, enrollments.byId(handle, id), now))) {
                retired++;
            }
        }
        if (retired > 0) {
            log.info("{} enrollment(s) retired: their sequence or mailbox is no longer configured", retired);
        }
        return retired;
    }
}
