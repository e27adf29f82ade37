package io.followup.inbound.proof;

import io.followup.outbox.OutboundMessage;
import org.jdbi.v3.core.Handle;

/**
 * How {@link ProofJudge} turns an outbound message that an inbound message is proven to concern (by its signed
 * return address or the headers a bounce returns) into a {@link Match}. Owned by the proof and implemented by the
 * matcher ({@code matching.MessageMatcher}), so that the proof judges what the matcher hands it and knows nothing of
 * the matcher. Implementations are thread-safe; call inside the caller's transaction.
 */
public interface OutboundMatches {

    /**
     * The match of an inbound message proven to concern {@code message}: its enrollment (a sequence step), else the
     * contact it went to (null for mail to the owner, who is usually not a contact).
     *
     * @param method how the message was tied to {@code message}, recorded as the match method
     */
    Match ofOutbound(Handle handle, OutboundMessage message, String method);
}
