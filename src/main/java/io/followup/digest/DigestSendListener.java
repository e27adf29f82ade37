package io.followup.digest;

import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.BatchSendListener;
import io.followup.outbox.SendListener;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Records {@code digest_sent} (or {@code digest_failed}) in the event log when the outbox has sent (or given up on)
 * a digest, in the same transaction, and passes every message on to the next listener. Thread-safe.
 */
public final class DigestSendListener implements BatchSendListener {

    private final SendListener next;
    private final EventLog events;

    public DigestSendListener(SendListener next, EventLog events) {
        this.next = next;
        this.events = events;
    }

    @Override
    public void sentAll(Handle handle, List<Sent> messages) {
        events.appendAll(handle, messages.stream().filter(sent -> sent.message().kind() == OutboundKind.DIGEST)
                .map(sent -> new EventLog.Entry(sent.at(), EventLog.Event.of(EventKind.DIGEST_SENT, "outbox")
                        .outbound(sent.message().id())
                        .detail(sent.message().idempotencyKey() + " to " + sent.message().toAddress()))).toList());
        next.sentAll(handle, messages);
    }

    @Override
    public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
        if (message.kind() == OutboundKind.DIGEST) {
            events.append(handle, now, EventLog.Event.of(EventKind.DIGEST_FAILED, "outbox").outbound(message.id())
                    .detail(message.idempotencyKey() + ": " + reason));
        }
        next.failed(handle, message, reason, now);
    }
}
