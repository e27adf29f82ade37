package io.followup.sequence;

import io.followup.sequence.timing.Cadence;
import io.followup.task.TaskKind;

/**
 * What happens when a sequence ends without a response (configured under {@code escalation:}); every part is
 * optional. Immutable and thread-safe.
 *
 * @param task        a task for the owner, or null
 * @param noticeTo    YAML key {@code notify}: {@code owner} for the mailbox's owner, an email address for a colleague, or null for no notice
 * @param keepInTouch the cadence the contact moves to, or null
 */
public record EscalationDefinition(Task task, String noticeTo, Cadence keepInTouch) {

    /** The value of {@code notify} (noticeTo) that means the owner of the sequence's mailbox. */
    public static final String OWNER = "owner";

    /**
     * A task to create.
     *
     * @param kind what kind of action
     * @param text what to do; a Velocity string that may use the template model ({@code $contact.first_name})
     */
    public record Task(TaskKind kind, String text) {
    }

    /** Whether there is anything to do. */
    public boolean isEmpty() {
        return task == null && noticeTo == null && keepInTouch == null;
    }
}
