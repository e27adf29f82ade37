package io.followup.sequence.timing;

import io.followup.FollowupException;

/** A timing rule cannot be applied (a send window that never opens, an unknown country calendar). */
public final class TimingException extends FollowupException {

    public TimingException(String message) {
        super(message);
    }
}
