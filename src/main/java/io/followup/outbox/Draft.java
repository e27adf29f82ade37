package io.followup.outbox;

/**
 * A message to be put in the outbox. {@code subject}/{@code bodyText} are null when the draft is held
 * ({@code holdReason} says why).
 */
public record Draft(long enrollmentId, long mailboxId, int stepNo, int attempt, String messageId, String template,
                    String fromAddress, String fromName, String toAddress, String toName, String subject,
                    String bodyText, String bodyHtml, String inReplyTo, String referencesHeader,
                    OutboundState state, String holdReason) {

    /** The unique key of one attempt at one step of one enrollment. */
    public String idempotencyKey() {
        return enrollmentId + ":" + stepNo + ":" + attempt;
    }
}
