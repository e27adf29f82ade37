package io.followup.outbox;

import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a crash, a message left in {@code sending} may or may not have reached the SMTP server. It becomes
 * {@code in_doubt} and waits for a person's decision; it is never sent again automatically. {@link #recoverOwn()}
 * runs at start-up, before this node sends anything (its own rows), and first asks the node's {@link SendJournal}:
 * a message it saw accepted is recorded as sent, one it saw claimed and never begun goes back to the queue, and
 * only the one whose SMTP transaction was under way (or one it does not know, or every one when the journal cannot
 * be trusted) becomes {@code in_doubt}.
 * {@link #recoverStale()} runs periodically in a cluster (rows of any node that have been in {@code sending} far
 * longer than an SMTP transaction can take; another node's journal is out of reach, so they are all in doubt).
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
    private final SendJournal journal;
    private final SendListener sentListener;

    /** Without a journal: every abandoned claim is in doubt. */
    public OutboxRecovery(Jdbi jdbi, Clock clock, String nodeId, OutboxStore outbox, EventLog events) {
        this(jdbi, clock, nodeId, outbox, events, SendJournal.none(), new SendListener() {
            @Override
            public void sent(Handle handle, OutboundMessage message, Instant now) {
                // SendJournal.none() never reports a message accepted
            }

            @Override
            public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
            }
        });
    }

    /**
     * @param journal      this node's journal of SMTP attempts (the sender's), replayed then started anew
     * @param sentListener told of a message the journal saw accepted, as for one confirmed sent by hand (it may have
     *                     to build the Sent-folder copy again)
     */
    public OutboxRecovery(Jdbi jdbi, Clock clock, String nodeId, OutboxStore outbox, EventLog events,
                          SendJournal journal, SendListener sentListener) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.nodeId = nodeId;
        this.outbox = outbox;
        this.events = events;
        this.journal = journal;
        this.sentListener = sentListener;
    }

    /**
     * Settles the rows this node left in {@code sending} (sent, back to the queue or {@code in_doubt}, as its journal
     * says) and starts the journal of this run; call before sending starts. Returns how many became in doubt.
     */
    public int recoverOwn() {
        Optional<Map<Long, SendJournal.Attempt>> attempts = journal.replay();
        int inDoubt = attempts.map(this::settle).orElseGet(() -> recover(nodeId, null));
        journal.start();
        return inDoubt;
    }

    /** Marks rows of any node that have been in {@code sending} longer than the stale limit {@code in_doubt}. */
    public int recoverStale() {
        return recover(null, STALE);
    }

    /** Own abandoned claims with a trusted journal: accepted → sent, claimed and never begun → queued, else doubt. */
    private int settle(Map<Long, SendJournal.Attempt> attempts) {
        int[] counts = new int[3];
        int inDoubt = jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            List<Long> abandoned = outbox.abandonedSending(handle, nodeId, null);
            java.util.Set<Long> neverBegun = abandoned.stream().filter(id -> attempts.containsKey(id)
                    && !attempts.get(id).begun()).collect(java.util.stream.Collectors.toSet());
            counts[0] = outbox.releaseClaims(handle, List.copyOf(neverBegun), nodeId, now);
            List<SendJournal.Attempt> accepted = abandoned.stream().map(attempts::get)
                    .filter(attempt -> attempt != null && attempt.wasAccepted()).toList();
            java.util.Set<Long> marked = outbox.markSentAll(handle, accepted.stream()
                    .map(attempt -> new OutboxStore.SentMark(attempt.outboundId(), attempt.accepted(),
                            attempt.acceptedAt())).toList()).keySet();
            for (SendJournal.Attempt attempt : accepted) {
                if (marked.contains(attempt.outboundId())) {
                    OutboundMessage message = outbox.byId(handle, attempt.outboundId());
                    events.append(handle, attempt.acceptedAt(), EventLog.Event.of(EventKind.SENT, "recovery")
                            .outbound(message.id()).enrollment(message.enrollmentId())
                            .detail((message.isStep() ? "step " + message.stepNo() : message.kind().db()) + ": "
                                    + message.subject() + " (accepted by the server before the daemon stopped)"));
                    sentListener.sent(handle, message, attempt.acceptedAt());
                    counts[1]++;
                }
            }
            List<Long> unsettled = abandoned.stream().filter(id -> !neverBegun.contains(id)
                    && !marked.contains(id)).toList();
            return markInDoubt(handle, unsettled, now);
        });
        counts[2] = inDoubt;
        if (counts[0] + counts[1] > 0) {
            log.info("after the stop, the send journal settled {} claimed message(s): {} accepted by the server "
                    + "(recorded as sent), {} never attempted (queued again), {} in doubt", counts[0] + counts[1]
                    + counts[2], counts[1], counts[0], counts[2]);
        }
        return inDoubt;
    }

    private int recover(String node, Duration olderThan) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            return markInDoubt(handle, outbox.abandonedSending(handle, node,
                    olderThan == null ? null : now.minus(olderThan)), now);
        });
    }

    private int markInDoubt(Handle handle, List<Long> abandoned, Instant now) {
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
    }
}
