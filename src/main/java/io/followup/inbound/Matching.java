package io.followup.inbound;

import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.proof.Match;
import org.jdbi.v3.core.Handle;

/**
 * What an inbound message answers, as {@link InboundProcessor} asks it before the proof judges the message. Owned by
 * inbound and implemented by the engine ({@code matching.MessageMatcher}, which reads the outbound messages,
 * contacts and enrollments), so that inbound knows only this interface. Implementations are thread-safe; call inside
 * the caller's transaction.
 */
public interface Matching {

    /** The enrollment, outbound message or contact the message of {@code mailboxId} answers ({@code Match.NONE}). */
    Match match(Handle handle, long mailboxId, InboundAnalysis analysis);
}
