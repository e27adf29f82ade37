package io.followup;

/**
 * The root of every exception followup throws on purpose. Each feature area has its own
 * subclass (configuration, template, storage, mail); the message always names what failed
 * (file and line, message id, enrollment id) and never contains a secret.
 */
public class FollowupException extends RuntimeException {

    public FollowupException(String message) {
        super(message);
    }

    public FollowupException(String message, Throwable cause) {
        super(message, cause);
    }
}
