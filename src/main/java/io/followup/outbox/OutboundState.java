package io.followup.outbox;

import io.followup.StoredName;

/**
 * The outbox state machine: {@code held} or {@code pending_approval} -> {@code queued} -> {@code sending} ->
 * {@code sent} | {@code failed} | {@code in_doubt}; {@code rejected} and {@code cancelled} end a draft that was
 * never sent. A row enters {@code sending} in its own committed transaction before the SMTP transaction starts,
 * so a crash leaves it there and recovery turns it into {@code in_doubt}, never into a silent second send.
 */
public enum OutboundState implements StoredName {
    HELD, PENDING_APPROVAL, QUEUED, SENDING, SENT, FAILED, IN_DOUBT, REJECTED, CANCELLED;

    public static OutboundState ofDb(String value) {
        return StoredName.ofDb(OutboundState.class, value);
    }
}
