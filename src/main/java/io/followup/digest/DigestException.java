package io.followup.digest;

import io.followup.FollowupException;

/** A digest could not be built, rendered or queued. */
public class DigestException extends FollowupException {

    public DigestException(String message) {
        super(message);
    }

    public DigestException(String message, Throwable cause) {
        super(message, cause);
    }
}
