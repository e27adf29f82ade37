package io.followup.inbound;

import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.text.IntentResult;

/**
 * A received message as followup understood it: where it was found (and whether that is the mailbox's Junk folder),
 * the SHA-256 of its raw bytes, its classification, and for a human reply the new text and intent (null otherwise).
 */
public record InboundMessage(long mailboxId, String folder, long uidValidity, long uid, String contentHash,
                             InboundAnalysis analysis, String replyText, IntentResult intent, boolean junk) {
}
