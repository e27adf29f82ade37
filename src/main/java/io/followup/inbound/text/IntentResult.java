package io.followup.inbound.text;

import java.util.Objects;

/**
 * The intent of a reply and why it was chosen. Immutable and thread-safe.
 *
 * @param intent          the intent; never {@code null}
 * @param referralAddress for {@link Intent#REFERRAL}, the e-mail address of the person the
 *                        reply points to, when the reply gives one; otherwise {@code null}
 * @param referralName    for {@link Intent#REFERRAL}, that person's name when the reply
 *                        names them; otherwise {@code null}
 * @param explanation     which rule and phrase decided, in words, e.g.
 *                        {@code not_interested: phrase "no thanks"}; never {@code null}
 */
public record IntentResult(Intent intent, String referralAddress, String referralName, String explanation) {

    public IntentResult {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(explanation, "explanation");
    }

    static IntentResult neutral(String explanation) {
        return new IntentResult(Intent.NEUTRAL, null, null, explanation);
    }
}
