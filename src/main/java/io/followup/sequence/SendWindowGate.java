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

    public SendWindowGate(Jdbi jdbi, SequenceCatalog catalog, TimingPlanner timing) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.timing = timing;
    }

    private record Recipient(long sequenceId, long mailboxId, String timeZone, FirstTouchPlan.Mode firstTouch) {
    }

    @Override
    public Instant notBefore(OutboundMessage message, Instant now) {
        Recipient recipient = jdbi.withHandle(handle -> recipients(handle, List.of(message.enrollmentId())))
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
        Map<Long, Recipient> recipients = jdbi.withHandle(handle -> recipients(handle, enrollmentIds));
        for (OutboundMessage message : messages) {
            Recipient recipient = recipients.get(message.enrollmentId());
            Instant allowedAt = recipient == null ? null : notBefore(message, recipient, now);
            if (allowedAt != null && allowedAt.isAfter(now)) {
                held.put(message.id(), allowedAt);
            }
        }
        return held;
    }

    /** The sequence, mailbox, contact zone and first-touch plan of each enrollment, in one query. */
    private static Map<Long, Recipient> recipients(org.jdbi.v3.core.Handle handle, List<Long> enrollmentIds) {
        Map<Long, Recipient> recipients = new HashMap<>();
        handle.createQuery("""
                        SELECT e.id, e.sequence_id, e.mailbox_id, c.time_zone, e.first_touch_plan FROM enrollment e
                        JOIN contact c ON c.id = e.contact_id WHERE e.id IN (<ids>)""")
                .bindList("ids", enrollmentIds)
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), new Recipient(rs.getLong("sequence_id"),
                        rs.getLong("mailbox_id"), rs.getString("time_zone"),
                        FirstTouchPlan.Mode.fromDb(rs.getString("first_touch_plan")))))
                .forEach(entry -> recipients.put(entry.getKey(), entry.getValue()));
        return recipients;
    }

    private Instant notBefore(OutboundMessage message, Recipient recipient, Instant now) {
        SequenceDefinition sequence;
        try {
            sequence = catalog.sequence(recipient.sequenceId());
        } catch (FollowupException notConfigured) {
            log.debug("outbound #{}: {}; no send window applies", message.id(), notConfigured.getMessage());
            return null;
        }
        ZoneId zone = recipient.timeZone() != null ? ZoneId.of(recipient.timeZone())
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
