package io.followup.inbound;

import io.followup.inbound.proof.Match;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The unverified inbound messages that asked for something (a stop, a suppression, a pause...), waiting for the
 * owner: listed with their reason and request, then applied (acted on exactly as a proven message would be) or
 * dismissed, once. The raw message is kept until then, up to {@value #MAX_RAW_BYTES} bytes. The rows are read and
 * written through {@link InboundStore}. Thread-safe.
 */
public final class UnverifiedInbox {

    /** Larger messages are not kept for "apply"; the owner acts by hand (suppress, stop). */
    static final int MAX_RAW_BYTES = 2 * 1024 * 1024;
    /** The owner of the rows: this inbox runs no SQL itself. */
    private static final InboundStore STORE = new InboundStore();

    /** One reviewed or reviewable message. {@code state} is pending, applied or dismissed. */
    public record Item(long id, long mailboxId, Instant receivedAt, String from, String subject, String kind,
                       String reason, String requested, Long enrollmentId, Long contactId, String state,
                       String reviewedBy) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final InboundProcessor processor;
    private final Responder policy;
    private final EventLog events;

    public UnverifiedInbox(Jdbi jdbi, Clock clock, InboundProcessor processor, Responder policy,
                           EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.processor = processor;
        this.policy = policy;
        this.events = events;
    }

    /** Marks a just-recorded unverified message as waiting for the owner; in the recording transaction. */
    static void awaitReview(Handle handle, long inboundId, String requested, byte[] raw) {
        STORE.awaitReview(handle, inboundId, requested.length() > 300 ? requested.substring(0, 299) + "…" : requested,
                raw.length > MAX_RAW_BYTES ? null : Base64.getEncoder().encodeToString(raw));
    }

    /** The messages waiting for review, oldest first, at most {@code limit}. */
    public List<Item> pending(int limit) {
        return jdbi.withHandle(handle -> STORE.pendingReview(handle, limit));
    }

    /** The messages of these mailboxes waiting for review, oldest first, in the caller's transaction. */
    public static List<Item> pending(Handle handle, Collection<Long> mailboxIds, int limit) {
        return STORE.pendingReview(handle, mailboxIds, limit);
    }

    /** The reviewable message with this id (pending or already decided). */
    public Optional<Item> find(long id) {
        return jdbi.withHandle(handle -> STORE.reviewable(handle, id));
    }

    /**
     * Acts on the message as if it had been proven (the owner vouches for it): the response policy runs with the
     * match recorded when it arrived, against the state of today.
     *
     * @throws InboundException when there is no such message, it is not pending, or it was too large to keep
     */
    public Item apply(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Item item = pendingItem(handle, id);
            InboundStore.Held held = STORE.held(handle, id);
            if (held.raw() == null) {
                throw new InboundException("inbound message #" + id + " was too large to keep for \"apply\"; act "
                        + "by hand (suppress, stop, pause) and dismiss it");
            }
            Instant now = clock.instant();
            decide(handle, id, "applied", by, now);
            InboundMessage message = processor.understand(held.mailboxId(), held.folder(), held.uidValidity(),
                    held.uid(), Base64.getDecoder().decode(held.raw()));
            Match match = held.match();
            events.append(handle, now, EventLog.Event.of(EventKind.UNVERIFIED_APPLIED, "owner " + by).inbound(id)
                    .detail(item.requested()));
            policy.apply(handle, id, message, match, now);
            return STORE.reviewable(handle, id).orElseThrow();
        });
    }

    /**
     * Leaves the message without effect (what its quiet stop did, if anything, stays).
     *
     * @throws InboundException when there is no such message or it is not pending
     */
    public Item dismiss(long id, String by) {
        return jdbi.inTransaction(handle -> {
            Item item = pendingItem(handle, id);
            Instant now = clock.instant();
            decide(handle, id, "dismissed", by, now);
            events.append(handle, now, EventLog.Event.of(EventKind.UNVERIFIED_DISMISSED, "owner " + by).inbound(id)
                    .detail(item.requested()));
            return STORE.reviewable(handle, id).orElseThrow();
        });
    }

    private static Item pendingItem(Handle handle, long id) {
        Item item = STORE.reviewable(handle, id).orElseThrow(() -> new InboundException(
                "no unverified inbound message #" + id + " waiting for review"));
        if (!"pending".equals(item.state())) {
            throw new InboundException("inbound message #" + id + " was already " + item.state()
                    + (item.reviewedBy() == null ? "" : " by " + item.reviewedBy()));
        }
        return item;
    }

    private static void decide(Handle handle, long id, String state, String by, Instant now) {
        if (!STORE.decide(handle, id, state, by, now)) {
            throw new InboundException("inbound message #" + id + " was decided by someone else just now");
        }
    }
}
