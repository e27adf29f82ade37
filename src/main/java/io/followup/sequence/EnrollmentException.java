package io.followup.sequence;

import io.followup.FollowupException;

/** An enrollment cannot be made or changed (unknown sequence, already enrolled); the message says which. */
public final class EnrollmentException extends FollowupException {

    public EnrollmentException(String message) {
        super(message);
    }
}
