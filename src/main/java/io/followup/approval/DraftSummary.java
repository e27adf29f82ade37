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
 */
public record DraftSummary(long id, OutboundState state, int tier, String toAddress, String sequence, int stepNo,
                           String subject, Instant due, String note) {
}
