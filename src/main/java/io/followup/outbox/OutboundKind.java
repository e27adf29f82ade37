package io.followup.outbox;

import io.followup.StoredName;

/**
 * What an outbound message is for. Only {@link #STEP} messages are steps of a sequence (they advance their
 * enrollment when sent and are sent only while it is active); the others stand alone with their own idempotency
 * key: a {@link #NOTICE} to the owner or a colleague when a sequence escalates, a keep-in-touch {@link #CHECK_IN},
 * a {@link #THANK_YOU} to an introducer, another {@link #INTRODUCER} note of the introducer's loop (the
 * acknowledgement of an introduction, "we have connected"), and the owner's weekly {@link #DIGEST}.
 */
public enum OutboundKind implements StoredName {
    STEP, NOTICE, CHECK_IN, THANK_YOU, INTRODUCER, DIGEST;

    public static OutboundKind ofDb(String value) {
        return value == null ? STEP : StoredName.ofDb(OutboundKind.class, value);
    }
}
