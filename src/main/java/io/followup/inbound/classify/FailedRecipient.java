package io.followup.inbound.classify;

import java.util.Objects;

/**
 * One recipient a bounce reports as failed.
 *
 * @param address           the address to act on in lower case: the Original-Recipient when the report gives
 *                          one (the address that was sent to, before any alias expanded), else the
 *                          Final-Recipient or the address named in the text; null when the bounce names none
 * @param status            the enhanced status code such as {@code 5.1.1} (reported or inferred), or null
 * @param bounceClass       the coarse reason
 * @param hard              true when the address itself failed permanently and should not be mailed again
 * @param finalRecipient    the Final-Recipient address (the mailbox the last MTA tried), else {@code address}
 * @param originalRecipient the Original-Recipient address when the report gives one, else null
 * @param reason            the fine reason the class was derived from, never null
 * @param why               the rule that decided the reason, e.g. {@code wording "user unknown"}, or null
 */
public record FailedRecipient(String address, String status, BounceClass bounceClass, boolean hard,
                              String finalRecipient, String originalRecipient, BounceReason reason, String why) {

    public FailedRecipient {
        Objects.requireNonNull(bounceClass, "bounceClass");
        if (reason == null || reason.bounceClass() != bounceClass) {
            reason = BounceReason.typical(bounceClass);
        }
    }

    /** A recipient known only by one address, with the typical reason of its class. */
    public FailedRecipient(String address, String status, BounceClass bounceClass, boolean hard) {
        this(address, status, bounceClass, hard, address, null, null, null);
    }
}
