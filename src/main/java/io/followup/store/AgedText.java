package io.followup.store;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Rows whose text {@link Retention} erases once it is older than a retention period. Owned by store and implemented
 * by the owner of the table (the inbound messages' {@code inbound.InboundStore}), so that the chore asks the owner
 * and runs no statement on a table it does not own. Implementations are thread-safe.
 */
public interface AgedText {

    /**
     * Erases the text of at most {@code limit} rows received before {@code before} that still have some; returns
     * how many rows it changed (fewer than {@code limit}: none is left).
     */
    int eraseTextBefore(Handle handle, Instant before, int limit);
}
