package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.SendGate;
import io.followup.sequence.timing.TimingPlanner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a queued message back while its sequence's send window is closed in the recipient's time zone (the
 * contact's, else the mailbox's), so that nothing goes out outside the window even when the dispatcher or the
 * outbox runs late. The message is deferred to the next opening (with the sequence's jitter). A first message that
 * keeps the 24-hour promise ({@link FirstTouchPlan}) may go in the window's edge hours, or at once when the owner
 * approved it. Thread-safe.
 */
public final class SendWindowGate implements SendGate {

    private static final Logger log = LoggerFactory.getLogger(SendWindowGate.class);

    private final Jdbi jdbi;
    private final SequenceCatalog catalog;
    private final TimingPlanner timing;
    private final EnrollmentStore enrollments = new EnrollmentStore();

    public SendWindowGate(Jdbi jdbi, SequenceCatalog catalog, TimingPlanner timing) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.timing = timing;
    }

    @Override
    public Instant notBefore(OutboundMessage message, Instant now) {
        EnrollmentStore.SendPlace recipient = jdbi.withHandle(handle ->
                        enrollments.sendPlaces(handle, List.of(message.enrollmentId())))
                .get(message.enrollmentId());
        return recipient == null ? null : notBefore(message, recipient, now);
    }

    /** The recipients of a batch read with one query. */
    @Override
    public Map<Long, Instant> notBefore(List<OutboundMessage> messages, Instant now) {
        Map<Long, Instant> held = new HashMap<>();
        List<Long> enrollmentIds = messages.stream().map(OutboundMessage::enrollmentId).distinct().toList();
        if (enrollmentIds.isEmpty()) {
            return held;
        }
        Map<Long, EnrollmentStore.SendPlace> recipients =
                jdbi.withHandle(handle -> enrollments.sendPlaces(handle, enrollmentIds));
        for (OutboundMessage message : messages) {
            EnrollmentStore.SendPlace recipient = recipients.get(message.enrollmentId());
            Instant allowedAt = recipient == null ? null : notBefore(message, recipient, now);
            if (allowedAt != null && allowedAt.isAfter(now)) {
                held.put(message.id(), allowedAt);
            }
        }
        return held;
    }

    private Instant notBefore(OutboundMessage message, EnrollmentStore.SendPlace recipient, Instant now) {
        SequenceDefinition sequence;
        try {
            sequence = catalog.sequence(recipient.sequenceId());
        } catch (FollowupException notConfigured) {
            log.debug("outbound #{}: {}; no send window applies", message.id(), notConfigured.getMessage());
            return null;
        }
        ZoneId zone = recipient.contactTimeZone() != null ? ZoneId.of(recipient.contactTimeZone())
                : catalog.mailbox(recipient.mailboxId()).timeZone();
        if (timing.isOpen(sequence.timing(), now, zone)) {
            return null;
        }
        FirstTouchPlan.Mode firstTouch = message.stepNo() == 1 ? recipient.firstTouch() : null;
        if (firstTouch == FirstTouchPlan.Mode.APPROVAL) {
            log.debug("outbound #{}: a first touch the owner approved goes outside the window", message.id());
            return null;
        }
        if (firstTouch == FirstTouchPlan.Mode.EDGE) {
            java.time.Duration edge = sequence.firstTouch().edge();
            Instant stretched = timing.nextOpenStretched(sequence.timing(), now, zone, edge);
            if (stretched != null && !stretched.isAfter(now)) {
                return null;
            }
        }
        Instant next = timing.sendTime(sequence.timing(), now, zone, sequence.timing().jitter());
        log.trace("outbound #{}: send window closed in {}, next {}", message.id(), zone, next);
        return next;
    }
}
