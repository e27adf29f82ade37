package io.followup.outbox;

import java.util.Locale;

/**
 * What an outbound message is for. Only {@link #STEP} messages are steps of a sequence (they advance their
 * enrollment when sent and are sent only while it is active); the others stand alone with their own idempotency
 * key: a {@link #NOTICE} to the owner or a colleague when a sequence escalates, a keep-in-touch {@link #CHECK_IN},
 * a {@link #THANK_YOU} to an introducer, another {@link #INTRODUCER} note of the introducer's loop (the
 * acknowledgement of an introduction, "we have connected"), and the owner's weekly {@link #DIGEST}.
 */
public enum OutboundKind {
    STEP, NOTICE, CHECK_IN, THANK_YOU, INTRODUCER, DIGEST;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboundKind ofDb(String value) {
        return value == null ? STEP : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
