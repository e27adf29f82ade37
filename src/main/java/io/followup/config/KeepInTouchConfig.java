package io.followup.config;

/**
 * Keep-in-touch check-ins (YAML {@code keep_in_touch:}). Immutable and thread-safe.
 *
 * @param template the template of a check-in draft, e.g. {@code keep-in-touch/check-in}
 * @param approval whether a check-in waits for approval ({@code pending_approval}) instead of being queued
 */
public record KeepInTouchConfig(String template, boolean approval) {

    public static final String DEFAULT_TEMPLATE = "keep-in-touch/check-in";

    public static KeepInTouchConfig defaults() {
        return new KeepInTouchConfig(DEFAULT_TEMPLATE, true);
    }
}
