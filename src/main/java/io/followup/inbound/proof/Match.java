package io.followup.inbound.proof;

/**
 * What an inbound message belongs to, as {@code matching.MessageMatcher} finds it and {@link ProofJudge} judges it.
 * {@code method} says how it was found: {@code references} (a Message-ID of ours), {@code subject} (sender and
 * thread subject), {@code sender} (a contact with a live enrollment), {@code bounced_recipient} (a bounce naming a
 * contact's address), or {@code none}. It lives with the proof, below inbound, because the proof judges it and
 * makes one for a message proven by its return address or returned headers ({@link OutboundMatches}).
 * {@code outboundMessageId} is the Message-ID of the outbound message when the matcher read it (null otherwise), so
 * the proof's reason does not read it again.
 */
public record Match(Long outboundId, Long enrollmentId, Long contactId, String method, String outboundMessageId) {

    public Match(Long outboundId, Long enrollmentId, Long contactId, String method) {
        this(outboundId, enrollmentId, contactId, method, null);
    }

    public static final Match NONE = new Match(null, null, null, "none");

    public boolean found() {
        return enrollmentId != null || contactId != null;
    }
}
