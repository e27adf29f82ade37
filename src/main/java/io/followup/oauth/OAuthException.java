package io.followup.oauth;

import io.followup.FollowupException;

/**
 * A mailbox's OAuth2 login cannot go on, and why ({@link Kind}). Its message names the mailbox and the endpoint
 * and never holds a token or the client secret.
 */
public final class OAuthException extends FollowupException {

    /** Why no access token could be had. */
    public enum Kind {
        /** The grant was revoked, expired or is otherwise invalid ({@code invalid_grant}): the owner must reconnect. */
        REVOKED,
        /** {@code followup mailboxes connect NAME} was never run for the mailbox. */
        NOT_CONNECTED,
        /** The endpoint refused the client ({@code invalid_client}, a wrong secret) or the request: a config error. */
        REFUSED,
        /** The endpoint could not be reached or failed: tried again later, with a growing delay. */
        UNAVAILABLE
    }

    private final Kind kind;

    public OAuthException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether sending and watching of the mailbox wait for {@code followup mailboxes connect}. */
    public boolean needsReconnect() {
        return kind == Kind.REVOKED || kind == Kind.NOT_CONNECTED;
    }
}
