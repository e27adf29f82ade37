package io.followup.outbox;

import io.followup.FollowupException;

/**
 * Sending failed. {@link #permanent()} is true when the server refused the message or recipient for good (5xx),
 * false for a passing failure (connection, timeout, 4xx) that may be retried.
 */
public final class MailException extends FollowupException {

    private final boolean permanent;

    public MailException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
