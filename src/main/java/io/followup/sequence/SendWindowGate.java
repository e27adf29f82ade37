package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.SendGate;
import io.followup.sequence.timing.TimingPlanner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
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
        Optional<Recipient> recipient = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT e.sequence_id, e.mailbox_id, c.time_zone, e.first_touch_plan FROM enrollment e
                        JOIN contact c ON c.id = e.contact_id WHERE e.id = :id""")
                .bind("id", message.enrollmentId())
                .map((rs, ctx) -> new Recipient(rs.getLong("sequence_id"), rs.getLong("mailbox_id"),
                        rs.getString("time_zone"), FirstTouchPlan.Mode.fromDb(rs.getString("first_touch_plan"))))
                .findOne());
        if (recipient.isEmpty()) {
            return null;
        }
        SequenceDefinition sequence;
        try {
            sequence = catalog.sequence(recipient.get().sequenceId());
        } catch (FollowupException notConfigured) {
            log.debug("outbound #{}: {}; no send window applies", message.id(), notConfigured.getMessage());
            return null;
        }
        ZoneId zone = recipient.get().timeZone() != null ? ZoneId.of(recipient.get().timeZone())
                : catalog.mailbox(recipient.get().mailboxId()).timeZone();
        if (timing.isOpen(sequence.timing(), now, zone)) {
            return null;
        }
        FirstTouchPlan.Mode firstTouch = message.stepNo() == 1 ? recipient.get().firstTouch() : null;
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
