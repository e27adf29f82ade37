package io.followup.inbound.text;

import java.util.Locale;

/** Placeholder of the reply-text seam: what a human reply asks for. */
public enum Intent {
    INTERESTED, NOT_INTERESTED, REFERRAL, UNSUBSCRIBE, NEUTRAL;

    /** The lower-case name used in JSON output, e.g. {@code not_interested}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
