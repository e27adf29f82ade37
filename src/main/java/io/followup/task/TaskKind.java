package io.followup.task;

import java.util.Locale;

/** What a task asks the owner to do; its lower-case name is the stored value (column {@code task.kind}). */
public enum TaskKind {
    CALL, LINKEDIN, NOTE, OTHER;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskKind ofDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
