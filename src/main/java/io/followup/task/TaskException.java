package io.followup.task;

import io.followup.FollowupException;

/** A task operation that cannot be done (no such task, already done). */
public class TaskException extends FollowupException {

    public TaskException(String message) {
        super(message);
    }
}
