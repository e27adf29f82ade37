/**
 * Reply-text extraction and intent detection for inbound human replies.
 *
 * <p>{@link io.followup.inbound.text.ReplyTextExtractor} turns a plain-text reply body into
 * the new text its author wrote (no quoted history, no signature);
 * {@link io.followup.inbound.text.IntentClassifier} reads that text and returns an
 * {@link io.followup.inbound.text.IntentResult}: interested, not interested, referral (with
 * the address and name of the person named), unsubscribe or neutral, with the rule that
 * decided. Both are pure, immutable and thread-safe; neither does I/O.
 */
package io.followup.inbound.text;
