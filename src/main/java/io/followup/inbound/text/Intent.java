package io.followup.inbound.text;

import java.util.Locale;

/**
 * What a human reply asks for, from the strongest signal to the weakest: when several rules
 * match, {@link #UNSUBSCRIBE} wins over {@link #NOT_INTERESTED}, which wins over
 * {@link #REFERRAL}, then {@link #INTERESTED}; {@link #NEUTRAL} means no rule matched.
 * Immutable and thread-safe.
 */
public enum Intent {
    INTERESTED,
    NOT_INTERESTED,
    REFERRAL,
    UNSUBSCRIBE,
    NEUTRAL;

    /** The lower-case name used in JSON output and configuration, e.g. {@code "not_interested"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The intent with the given wire name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values when there is none
     */
    public static Intent fromWireName(String wireName) {
        for (Intent intent : values()) {
            if (intent.wireName().equalsIgnoreCase(wireName == null ? "" : wireName.strip())) {
                return intent;
            }
        }
        throw new IllegalArgumentException("unknown intent \"" + wireName
                + "\": expected interested, not_interested, referral, unsubscribe or neutral");
    }
}
