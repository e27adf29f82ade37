package io.followup.inbound.proof;

import io.followup.StoredName;

/** How strongly an inbound message is tied to what followup sent. */
public enum ProofLevel implements StoredName {
    /** Proven to concern a message followup sent to that person: it may act. */
    PROVEN,
    /** Matched, but not proven: it acts at most by quietly stopping a colleague's thread, and waits for the owner. */
    UNVERIFIED,
    /** Nothing to prove: it matched nothing, is a duplicate or one of our own messages. */
    NONE;

    public static ProofLevel ofDb(String value) {
        return StoredName.ofDb(ProofLevel.class, value);
    }
}
