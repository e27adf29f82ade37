package io.followup.task;

import io.followup.StoredName;

/** What a task asks the owner to do; its lower-case name is the stored value (column {@code task.kind}). */
public enum TaskKind implements StoredName {
    CALL, LINKEDIN, NOTE, OTHER;

    public static TaskKind ofDb(String value) {
        return StoredName.ofDb(TaskKind.class, value);
    }
}
