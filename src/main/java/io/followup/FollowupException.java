package io.followup;

/**
 * The root of every exception followup throws on purpose. Each feature area has its own subclass (configuration,
 * template, storage, mail); the message always names what failed (file and line, message id, enrollment id) and
 * never contains a secret. {@link #kind()} says whose mistake it is: the web UI answers 4xx for the user's and
 * 5xx (with an id to find in the log) for a failure of the database or the mail server.
 */
public abstract class FollowupException extends RuntimeException {

    /** Whose mistake it is. */
    public enum Kind {
        /** The input was wrong (a field, a file, a template): the message says what to change. */
        BAD_INPUT,
        /** What was asked for does not exist (any more). */
        NOT_FOUND,
        /** The request does not fit the current state (already decided, already sent, taken by another node). */
        CONFLICT,
        /** followup or a service it depends on (database, mail server, scheduler) failed; not the user's doing. */
        FAILURE
    }

    protected FollowupException(String message) {
        super(message);
    }

    protected FollowupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whose mistake it is; bad input unless the subclass says otherwise. */
    public Kind kind() {
        return Kind.BAD_INPUT;
    }

    /** Wrong input, with a message saying what to change. */
    public static FollowupException badInput(String message) {
        return new Plain(Kind.BAD_INPUT, message, null);
    }

    /** Wrong input found while doing something that failed with {@code cause}. */
    public static FollowupException badInput(String message, Throwable cause) {
        return new Plain(Kind.BAD_INPUT, message, cause);
    }

    /** Something asked for by name or id that does not exist. */
    public static FollowupException notFound(String message) {
        return new Plain(Kind.NOT_FOUND, message, null);
    }

    /** A failure of followup or of a service it needs, not of the user's input. */
    public static FollowupException failure(String message, Throwable cause) {
        return new Plain(Kind.FAILURE, message, cause);
    }

    private static final class Plain extends FollowupException {

        private final Kind kind;

        Plain(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        @Override
        public Kind kind() {
            return kind;
        }
    }
}
