package io.followup.store;

import io.followup.FollowupException;

/** A database could not be opened, migrated or used; the message names the database, never its password. */
public final class StoreException extends FollowupException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.FAILURE;
    }
}
