package io.followup.outbox;

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
 * {@code in_doubt} and waits for a person's decision; it is never sent again automatically. Run at start-up
 * (this node's rows) and periodically (any node's rows older than the stale limit). Thread-safe.
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

    /** Marks abandoned {@code sending} rows {@code in_doubt}; returns how many. */
    public int recover() {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            List<Long> abandoned = outbox.abandonedSending(handle, nodeId, now.minus(STALE));
            int marked = 0;
            for (long id : abandoned) {
                if (outbox.transition(handle, id, OutboundState.SENDING, OutboundState.IN_DOUBT,
                        "the daemon stopped during the SMTP transaction: it may or may not have been sent", now)) {
                    OutboundMessage message = outbox.byId(handle, id);
                    events.append(handle, now, EventLog.Event.of("in_doubt", "recovery").outbound(id)
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
