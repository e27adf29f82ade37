package io.followup.digest;

import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.SendListener;
import io.followup.store.EventLog;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Records {@code digest_sent} (or {@code digest_failed}) in the event log when the outbox has sent (or given up on)
 * a digest, in the same transaction, and passes every message on to the next listener. Thread-safe.
 */
public final class DigestSendListener implements SendListener {

    private final SendListener next;
    private final EventLog events;

    public DigestSendListener(SendListener next, EventLog events) {
        this.next = next;
        this.events = events;
    }

    @Override
    public void sent(Handle handle, OutboundMessage message, Instant now) {
        if (message.kind() == OutboundKind.DIGEST) {
            events.append(handle, now, EventLog.Event.of("digest_sent", "outbox").outbound(message.id())
                    .detail(message.idempotencyKey() + " to " + message.toAddress()));
        }
        next.sent(handle, message, now);
    }

    @Override
    public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
        if (message.kind() == OutboundKind.DIGEST) {
            events.append(handle, now, EventLog.Event.of("digest_failed", "outbox").outbound(message.id())
                    .detail(message.idempotencyKey() + ": " + reason));
        }
        next.failed(handle, message, reason, now);
    }
}
