package io.followup.inbound.classify;

import java.util.Locale;

/** What an inbound message is, as far as follow-up sequences care. */
public enum MessageKind {
    HUMAN_REPLY, AUTO_REPLY, BOUNCE, COMPLAINT, OTHER;

    /** The lower-case name used in JSON output and storage, e.g. {@code human_reply}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
