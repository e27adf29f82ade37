package io.followup.inbound.text;

/**
 * Placeholder of the reply-text seam: the text branch provides the real implementation.
 * Thread-safe.
 */
public final class ReplyTextExtractor {

    public ReplyTextExtractor() {
    }

    /** Returns the new text of a reply; the placeholder returns the input trimmed. */
    public String extract(String plainBody) {
        return plainBody == null ? "" : plainBody.trim();
    }
}
