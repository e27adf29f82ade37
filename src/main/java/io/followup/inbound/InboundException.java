package io.followup.inbound;

import io.followup.FollowupException;

/** An inbound message cannot be reviewed or acted on as asked (unknown id, already decided); the message says which. */
public final class InboundException extends FollowupException {

    public InboundException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.FAILURE;
    }
}
