package io.followup.approval;

import io.followup.FollowupException;

/** A decision on a draft that cannot be made (unknown draft, wrong state, invalid edit). */
public class ApprovalException extends FollowupException {

    public ApprovalException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
