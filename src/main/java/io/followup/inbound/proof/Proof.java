package io.followup.inbound.proof;

import java.util.Objects;

/**
 * The proof level of one inbound message, why, and what it is proven to concern ({@code match}: the matcher's
 * match, or the outbound message a valid VERP address names). {@code fromContactsOrganisation} is true for an
 * unverified message from another address at the contact's own organisational domain (a colleague answering):
 * the one case where an unverified reply may quietly stop the enrollment. Immutable.
 */
public record Proof(ProofLevel level, String reason, Match match, boolean fromContactsOrganisation) {

    public Proof {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(match, "match");
    }

    public static Proof proven(String reason, Match match) {
        return new Proof(ProofLevel.PROVEN, reason, match, false);
    }

    public static Proof unverified(String reason, Match match) {
        return new Proof(ProofLevel.UNVERIFIED, reason, match, false);
    }

    public static Proof none(String reason) {
        return new Proof(ProofLevel.NONE, reason, Match.NONE, false);
    }

    public boolean proven() {
        return level == ProofLevel.PROVEN;
    }
}
