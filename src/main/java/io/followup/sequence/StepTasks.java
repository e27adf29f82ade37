package io.followup.sequence;

import io.followup.sequence.EscalationDefinition.TaskKind;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Opens the owner's task of a task step ({@code kind: task}) for the {@link StepDispatcher}. Thread-safe. */
public interface StepTasks {

    /** No task steps: dispatching one fails. */
    StepTasks NONE = (handle, enrollment, stepNo, kind, text, now) -> {
        throw new EnrollmentException("enrollment #" + enrollment.id() + " step " + stepNo
                + " is a task step, but no task store is wired");
    };

    /**
     * Opens the task of {@code enrollment}'s step {@code stepNo}, due {@code now}, inside the caller's transaction.
     *
     * @return the new task's id, or empty when that step has its task already (it is opened once)
     */
    Optional<Long> open(Handle handle, Enrollment enrollment, int stepNo, TaskKind kind, String text, Instant now);
}
