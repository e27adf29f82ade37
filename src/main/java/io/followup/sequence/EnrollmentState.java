package io.followup.sequence;

import io.followup.StoredName;

/**
 * Where an enrollment stands. ACTIVE, PAUSED and HELD are live (one per contact and sequence); the others are
 * final.
 */
public enum EnrollmentState implements StoredName {
    /** Steps go out as they fall due. */
    ACTIVE,
    /** Waiting until {@code resume_at} (an out-of-office) or a person resumes it. */
    PAUSED,
    /** A draft could not be rendered or needs a decision; nothing goes out until it is resolved. */
    HELD,
    /** A response (or a person) ended it. */
    STOPPED,
    /** Every step went out and the grace period after the last passed without a response. */
    COMPLETED,
    /** Sending failed permanently. */
    FAILED;

    public static EnrollmentState ofDb(String value) {
        return StoredName.ofDb(EnrollmentState.class, value);
    }

    public boolean isLive() {
        return this == ACTIVE || this == PAUSED || this == HELD;
    }
}
