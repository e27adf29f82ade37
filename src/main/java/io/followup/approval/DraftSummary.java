package io.followup.approval;

import io.followup.outbox.OutboundState;
import java.time.Instant;

/**
 * One line of the approval queue.
 *
 * @param id           the outbound message id (what {@code drafts show ID} takes)
 * @param state        pending_approval, held or in_doubt (or any state asked for)
 * @param tier         the contact's tier, 1 = most important
 * @param toAddress    the recipient
 * @param sequence     the sequence name
 * @param stepNo       the step number
 * @param subject      the subject, null for a held draft whose template failed
 * @param due          when it became due (the draft's creation, or its deferred send time)
 * @param note         why it waits: the hold reason or the last error, may be null
 * @param snoozedUntil until when a person snoozed it, or null
 */
public record DraftSummary(long id, OutboundState state, int tier, String toAddress, String sequence, int stepNo,
                           String subject, Instant due, String note, Instant snoozedUntil) {

    /** A draft that was never snoozed. */
    public DraftSummary(long id, OutboundState state, int tier, String toAddress, String sequence, int stepNo,
                        String subject, Instant due, String note) {
        this(id, state, tier, toAddress, sequence, stepNo, subject, due, note, null);
    }

    /** Whether it is snoozed at {@code now} (so the queue hides it until then). */
    public boolean isSnoozedAt(Instant now) {
        return snoozedUntil != null && snoozedUntil.isAfter(now);
    }
}
