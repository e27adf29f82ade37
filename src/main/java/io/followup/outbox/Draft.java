package io.followup.outbox;

import java.time.Instant;

/**
 * A message to be put in the outbox. {@code subject}/{@code bodyText} are null when the draft is held
 * ({@code holdReason} says why). {@code tier} is the recipient contact's tier, copied onto the message for the queue's
 * order (null: read from the contact with the address, 3 when there is none); {@code unsubscribeUrl} goes into
 * {@code List-Unsubscribe} (null: none).
 */
public record Draft(long enrollmentId, long mailboxId, int stepNo, int attempt, String messageId, String template,
                    String fromAddress, String fromName, String toAddress, String toName, String subject,
                    String bodyText, String bodyHtml, String inReplyTo, String referencesHeader,
                    OutboundState state, String holdReason, Instant notBefore, Integer tier, String unsubscribeUrl) {

    /** A draft that may go as soon as it is queued. */
    public Draft(long enrollmentId, long mailboxId, int stepNo, int attempt, String messageId, String template,
                 String fromAddress, String fromName, String toAddress, String toName, String subject,
                 String bodyText, String bodyHtml, String inReplyTo, String referencesHeader,
                 OutboundState state, String holdReason) {
        this(enrollmentId, mailboxId, stepNo, attempt, messageId, template, fromAddress, fromName, toAddress, toName,
                subject, bodyText, bodyHtml, inReplyTo, referencesHeader, state, holdReason, null, null, null);
    }

    /** The same draft, not to be sent before {@code at}. */
    public Draft notBefore(Instant at) {
        return new Draft(enrollmentId, mailboxId, stepNo, attempt, messageId, template, fromAddress, fromName,
                toAddress, toName, subject, bodyText, bodyHtml, inReplyTo, referencesHeader, state, holdReason, at, tier,
                unsubscribeUrl);
    }

    /** The same draft for a contact of tier {@code contactTier}, carrying {@code url} in List-Unsubscribe (null: none). */
    public Draft forTier(int contactTier, String url) {
        return new Draft(enrollmentId, mailboxId, stepNo, attempt, messageId, template, fromAddress, fromName,
                toAddress, toName, subject, bodyText, bodyHtml, inReplyTo, referencesHeader, state, holdReason,
                notBefore, contactTier, url);
    }

    /** The unique key of one attempt at one step of one enrollment. */
    public String idempotencyKey() {
        return enrollmentId + ":" + stepNo + ":" + attempt;
    }
}
