package io.followup.outbox;

import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a crash, a message left in {@code sending} may or may not have reached the SMTP server. It becomes
 * {@code in_doubt} and waits for a person's decision; it is never sent again automatically. {@link #recoverOwn()}
 * runs at start-up, before this node sends anything (its own rows); {@link #recoverStale()} runs periodically in a
 * cluster (rows of any node that have been in {@code sending} far longer than an SMTP transaction can take).
 * Thread-safe.
 */
public final class OutboxRecovery {

    private static final Logger log = LoggerFactory.getLogger(OutboxRecovery.class);
    private static final Duration STALE = Duration.ofMinutes(15);

    private final Jdbi jdbi;
    private final Clock clock;
    private final String nodeId;
    private final OutboxStore outbox;
    private final EventLog events;

    public OutboxRecovery(Jdbi jdbi, Clock clock, String nodeId, OutboxStore outbox, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.nodeId = nodeId;
        this.outbox = outbox;
        this.events = events;
    }

    /** Marks the rows this node left in {@code sending} {@code in_doubt}; call before sending starts. */
    public int recoverOwn() {
        return recover(nodeId, null);
    }

    /** Marks rows of any node that have been in {@code sending} longer than the stale limit {@code in_doubt}. */
    public int recoverStale() {
        return recover(null, STALE);
    }

    private int recover(String node, Duration olderThan) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            List<Long> abandoned = outbox.abandonedSending(handle, node,
                    olderThan == null ? null : now.minus(olderThan));
            int marked = 0;
            for (long id : abandoned) {
                if (outbox.transition(handle, id, OutboundState.SENDING, OutboundState.IN_DOUBT,
                        "the daemon stopped during the SMTP transaction: it may or may not have been sent", now)) {
                    OutboundMessage message = outbox.byId(handle, id);
                    events.append(handle, now, EventLog.Event.of(EventKind.IN_DOUBT, "recovery").outbound(id)
                            .enrollment(message.enrollmentId())
                            .detail(message.messageId() + " to " + message.toAddress()
                                    + " was being sent when the daemon stopped; not re-sent"));
                    marked++;
                }
            }
            if (marked > 0) {
                log.warn("{} message(s) were being sent when the daemon stopped; marked in_doubt, not re-sent",
                        marked);
            }
            return marked;
        });
    }
}
