package io.followup.outbox;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A {@link SendListener} that works on whole batches ({@link #sentAll}): one message sent alone is told as a batch
 * of one, so the listener has a single path for both.
 */
public interface BatchSendListener extends SendListener {

    @Override
    default void sent(Handle handle, OutboundMessage message, Instant now) {
        sentAll(handle, List.of(new Sent(message, now)));
    }

    @Override
    void sentAll(Handle handle, List<Sent> messages);
}
