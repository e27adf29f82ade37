package io.followup.inbound;

import io.followup.inbound.proof.Match;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What inbound hands a recorded, classified and matched message to: the engine, which decides what it does (stop,
 * pause, suppress, notify...). Owned by inbound and implemented by the engine ({@code response.ResponsePolicy}), so
 * that inbound knows nothing of what a message does. Implementations are thread-safe; call inside the transaction
 * that records the message (or, for an unverified message the owner applies, the one that decides it).
 */
public interface Responder {

    /**
     * Acts on a message proven to concern what followup sent, or vouched for by the owner.
     *
     * @param inboundId the {@code inbound_message} row of the message
     * @param match     what the message belongs to
     */
    void apply(Handle handle, long inboundId, InboundMessage message, Match match, Instant now);

    /**
     * Records an unverified message: it acts at most quietly (a colleague's reply from the contact's own
     * organisation, {@code fromContactsOrganisation}, may stop the enrollment) and says what it asked for.
     *
     * @param reason why the message is not proven
     * @return what the message asked for, for the owner to apply or dismiss; null when it asked for nothing
     */
    String applyUnverified(Handle handle, long inboundId, InboundMessage message, Match match, String reason,
                           boolean fromContactsOrganisation, Instant now);
}
