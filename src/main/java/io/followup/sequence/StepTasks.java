package io.followup.sequence;

import io.followup.task.TaskKind;
import io.followup.task.TaskStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Opens the owner's task of a task step ({@code kind: task}) for the {@link StepDispatcher}. Thread-safe. */
public interface StepTasks {

    /** The step tasks kept by {@code tasks}. */
    static StepTasks of(TaskStore tasks) {
        return new StepTasks() {
            @Override
            public Optional<Long> open(Handle handle, Enrollment enrollment, int stepNo, TaskKind kind, String text,
                                       Instant now) {
                return tasks.openStep(handle, enrollment.contactId(), enrollment.id(), stepNo, kind, text, now);
            }

            @Override
            public Set<Integer> stepNumbers(Handle handle, long enrollmentId) {
                return tasks.stepNumbers(handle, enrollmentId);
            }

            @Override
            public void renumber(Handle handle, long enrollmentId, Map<Integer, Integer> numbers,
                                 Set<Integer> skipped, Instant now) {
                for (int stepNo : skipped) {
                    tasks.skipStep(handle, enrollmentId, stepNo, now);
                }
                StepNumbers.renumber(numbers, (from, to) -> tasks.moveStep(handle, enrollmentId, from, to));
            }
        };
    }

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

    /** The step numbers {@code enrollmentId}'s step tasks are recorded under (see {@link StepRemap}). */
    default Set<Integer> stepNumbers(Handle handle, long enrollmentId) {
        return Set.of();
    }

    /**
     * After its sequence changed: files {@code enrollmentId}'s step tasks under new step numbers ({@code numbers}:
     * old to new, the ones that change), and closes the open task of a step it no longer waits for as skipped.
     */
    default void renumber(Handle handle, long enrollmentId, Map<Integer, Integer> numbers, Set<Integer> skipped,
                          Instant now) {
    }
}
