package io.followup.approval;

import io.followup.outbox.OutboundState;
import java.time.Instant;

/**
 * One recorded decision on a draft ({@code approval_decision} row).
 *
 * @param kind       approve, reject, edit, snooze, resolve_sent or resolve_resend
 * @param decidedBy  who decided (the OS user or {@code --by})
 * @param changes    for an edit: what changed, e.g. "subject, text, html removed"; else null
 * @param oldSubject the subject before (edits only)
 * @param newSubject the subject after (edits only)
 * @param oldText    the text before (edits only)
 * @param newText    the text after (edits only)
 */
public record Decision(long id, long outboundId, String kind, String decidedBy, Instant decidedAt,
                       OutboundState oldState, OutboundState newState, String reason, String changes,
                       String oldSubject, String newSubject, String oldText, String newText) {
}
