package io.followup.inbound.text;

/**
 * Placeholder of the reply-text seam: the text branch provides the real implementation.
 * Thread-safe.
 */
public final class IntentClassifier {

    public IntentClassifier() {
    }

    /** Detects the intent of a reply; the placeholder always answers {@link Intent#NEUTRAL}. */
    public IntentResult classify(String replyText) {
        return new IntentResult(Intent.NEUTRAL, null, null, null);
    }
}
