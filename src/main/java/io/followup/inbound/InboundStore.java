package io.followup.inbound;

import io.followup.inbound.classify.MessageKind;
import io.followup.store.GroupCounts;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of recorded inbound messages (table {@code inbound_message}) that other packages read. The recording itself
 * is still in {@link InboundProcessor} and {@link UnverifiedInbox}. Stateless and thread-safe.
 */
public final class InboundStore {

    /** How many recorded messages are of {@code kind}. */
    public long count(Handle handle, MessageKind kind) {
        return handle.createQuery("SELECT COUNT(*) FROM inbound_message WHERE kind = :kind")
                .bind("kind", kind.wireName()).mapTo(Long.class).one();
    }

    /** How many recorded messages are of each kind (every kind, 0 when none), in one query. */
    public Map<MessageKind, Long> countByKind(Handle handle) {
        return GroupCounts.of(handle, "SELECT kind, COUNT(*) FROM inbound_message GROUP BY kind", MessageKind.class,
                MessageKind::wireName);
    }
}
