package io.followup.config;

/**
 * Closing the loop with introducers (YAML {@code introductions:}). Immutable and thread-safe.
 *
 * @param thankYouTemplate the template of the thank-you / report-back draft to the introducer, e.g.
 *                         {@code introductions/thank-you}
 * @param approval         whether the draft waits for approval ({@code pending_approval}) instead of being queued
 */
public record IntroductionsConfig(String thankYouTemplate, boolean approval) {

    public static final String DEFAULT_TEMPLATE = "introductions/thank-you";

    public static IntroductionsConfig defaults() {
        return new IntroductionsConfig(DEFAULT_TEMPLATE, true);
    }
}
