package io.followup.oauth;

import io.followup.FollowupException;

/**
 * A mailbox's OAuth2 login cannot go on, and why ({@link Reason}). Its message names the mailbox and the endpoint
 * and never holds a token or the client secret.
 */
public final class OAuthException extends FollowupException {

    /** Why no access token could be had. */
    public enum Reason {
        /** The grant was revoked, expired or is otherwise invalid ({@code invalid_grant}): the owner must reconnect. */
        REVOKED,
        /** {@code followup mailboxes connect NAME} was never run for the mailbox. */
        NOT_CONNECTED,
        /** The endpoint refused the client ({@code invalid_client}, a wrong secret) or the request: a config error. */
        REFUSED,
        /** The endpoint could not be reached or failed: tried again later, with a growing delay. */
        UNAVAILABLE
    }

    private final Reason reason;

    public OAuthException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why no access token could be had. */
    public Reason reason() {
        return reason;
    }

    @Override
    public Kind kind() {
        return switch (reason) {
            case REVOKED, NOT_CONNECTED -> Kind.CONFLICT;
            case REFUSED -> Kind.BAD_INPUT;
            case UNAVAILABLE -> Kind.FAILURE;
        };
    }

    /** Whether sending and watching of the mailbox wait for {@code followup mailboxes connect}. */
    public boolean needsReconnect() {
        return reason == Reason.REVOKED || reason == Reason.NOT_CONNECTED;
    }
}
