package io.followup.outbox;

import java.util.Objects;

/**
 * A message that is not a step of a sequence (a notice, a check-in, a thank-you), to be put in the outbox with
 * its own idempotency key. {@code enrollmentId} is the enrollment it relates to, or null; {@code subject} and
 * {@code bodyText} are null when the draft is held ({@code holdReason} says why).
 */
public record StandaloneDraft(OutboundKind kind, String idempotencyKey, Long enrollmentId, long mailboxId,
                              String messageId, String template, String fromAddress, String fromName,
                              String toAddress, String toName, String subject, String bodyText, String bodyHtml,
                              OutboundState state, String holdReason) {

    public StandaloneDraft {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(state, "state");
        if (kind == OutboundKind.STEP) {
            throw new IllegalArgumentException("a sequence step is a Draft, not a StandaloneDraft");
        }
    }
}
