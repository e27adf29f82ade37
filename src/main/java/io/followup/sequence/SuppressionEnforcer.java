package io.followup.sequence;

import io.followup.contact.Suppression;
import io.followup.contact.SuppressionList;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.SendVeto;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Keeps suppressed contacts from receiving anything: stops their enrollments with reason {@code suppressed} and
 * cancels their unsent drafts. Used at dispatch, right before sending (as a {@link SendVeto}) and when a contact
 * unsubscribes. Stateless and thread-safe; call inside a transaction.
 */
public final class SuppressionEnforcer implements SendVeto {

    /** The stop reason of an enrollment ended by suppression. */
    public static final String REASON = "suppressed";

    private final SuppressionList suppressions;
    private final EnrollmentStore enrollments;
    private final OutboxStore outbox;
    private final EventLog events;

    public SuppressionEnforcer(SuppressionList suppressions, EnrollmentStore enrollments, OutboxStore outbox,
                               EventLog events) {
        this.suppressions = suppressions;
        this.enrollments = enrollments;
        this.outbox = outbox;
        this.events = events;
    }

    /** Stops the enrollment when {@code address} is suppressed; returns whether it was. */
    public boolean stopIfSuppressed(Handle handle, Enrollment enrollment, String address, String cause,
                                    Instant now) {
        return stopIfSuppressed(handle, enrollment, address, suppressions.match(handle, address).orElse(null), cause,
                now);
    }

    /** The entries that suppress some of {@code addresses}, by address, with one query (for a batch). */
    public Map<String, Suppression> matchAll(Handle handle, java.util.Collection<String> addresses) {
        return suppressions.matchAll(handle, addresses);
    }

    /** {@link #stopIfSuppressed} with the match read before ({@link #matchAll}); returns whether it was. */
    public boolean stopIfSuppressed(Handle handle, Enrollment enrollment, String address, Suppression suppression,
                                    String cause, Instant now) {
        if (suppression != null) {
            stop(handle, enrollment.id(), enrollment.contactId(), cause,
                    address + " is suppressed (" + suppression.describe() + ")", now);
        }
        return suppression != null;
    }

    /** Stops every live enrollment of a contact; returns how many were stopped. */
    public int stopContact(Handle handle, long contactId, String cause, Instant now) {
        int stopped = 0;
        for (Enrollment enrollment : enrollments.liveOfContact(handle, contactId)) {
            if (stop(handle, enrollment.id(), contactId, cause, "contact suppressed", now)) {
                stopped++;
            }
        }
        return stopped;
    }

    @Override
    public boolean vetoed(Handle handle, OutboundMessage message, Instant now) {
        return !vetoedAmong(handle, List.of(message), now).isEmpty();
    }

    /** One suppression query for the whole batch; the suppressed messages are cancelled one by one (rare). */
    @Override
    public Set<Long> vetoedAmong(Handle handle, List<OutboundMessage> messages, Instant now) {
        Map<String, Suppression> suppressed = suppressions.matchAll(handle,
                messages.stream().map(OutboundMessage::toAddress).toList());
        Set<Long> vetoed = new LinkedHashSet<>();
        for (OutboundMessage message : messages) {
            Suppression suppression = suppressed.get(message.toAddress());
            if (suppression != null) {
                cancel(handle, message, suppression, now);
                vetoed.add(message.id());
            }
        }
        return vetoed;
    }

    private void cancel(Handle handle, OutboundMessage message, Suppression suppression, Instant now) {
        String detail = message.toAddress() + " is suppressed (" + suppression.describe() + ")";
        if (outbox.transition(handle, message.id(), OutboundState.QUEUED, OutboundState.CANCELLED, detail, now)) {
            events.append(handle, now, EventLog.Event.of(EventKind.CANCELLED, "suppression").outbound(message.id())
                    .enrollment(message.enrollmentId()).detail(detail));
        }
        enrollments.find(handle, message.enrollmentId()).ifPresent(enrollment ->
                stop(handle, enrollment.id(), enrollment.contactId(), "suppression", detail, now));
    }

    private boolean stop(Handle handle, long enrollmentId, long contactId, String cause, String detail,
                         Instant now) {
        outbox.cancelUnsent(handle, enrollmentId, detail, now);
        if (!enrollments.finish(handle, enrollmentId, EnrollmentState.STOPPED, REASON, now)) {
            return false;
        }
        events.append(handle, now, EventLog.Event.of(EventKind.STOPPED, cause).enrollment(enrollmentId)
                .contact(contactId)
                .detail(detail));
        return true;
    }
}
