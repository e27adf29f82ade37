package io.followup.inbound.classify;

import java.util.Locale;

/**
 * Coarse reason of a failed delivery: {@code INVALID_RECIPIENT} (user or host unknown, moved),
 * {@code MAILBOX_FULL}, {@code TRANSIENT} (expired, network, too many connections, system or
 * mailer error), {@code POLICY} (blocked, rejected, filtered, spam, relaying, authentication,
 * content, size) and {@code OTHER}.
 */
public enum BounceClass {
    INVALID_RECIPIENT, MAILBOX_FULL, TRANSIENT, POLICY, OTHER;

    /** The lower-case name used in JSON output and storage, e.g. {@code invalid_recipient}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
