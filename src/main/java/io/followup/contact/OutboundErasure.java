package io.followup.contact;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What {@link ContactEraser} asks of the outbound messages' owner ({@code outbox.OutboxStore}, a layer above, which
 * implements it): which messages went to a contact, which others name it, and the changes that forget it. Call
 * inside the eraser's transaction. Implementations are stateless and thread-safe.
 */
public interface OutboundErasure {

    /** An outbound message's id and content. */
    record Content(long id, String subject, String text, String html) {
    }

    /** Ids of the messages to {@code address} (lower case; any case stored) or of {@code enrollmentIds}. */
    List<Long> idsOf(Handle handle, String address, List<Long> enrollmentIds);

    /**
     * The messages whose subject, text or HTML contains {@code mention} (a lower-case {@code LIKE} pattern escaped
     * with {@code !}), or whose HTML contains {@code escapedMention}.
     */
    List<Content> mentioning(Handle handle, String mention, String escapedMention);

    /** Replaces a message's subject, text and HTML. */
    void rewrite(Handle handle, Content content);

    /** Deletes the messages {@code ids}; returns how many were deleted. */
    int deleteAll(Handle handle, List<Long> ids);
}
