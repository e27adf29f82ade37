package io.followup.inbound.text;

/** Placeholder of the reply-text seam: the detected intent of a reply. */
public record IntentResult(Intent intent, String referralAddress, String referralName, String explanation) {
}
