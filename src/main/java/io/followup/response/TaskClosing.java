package io.followup.response;

import io.followup.store.EventKind;
import io.followup.store.EventLog;
import io.followup.task.Task;
import io.followup.task.TaskStore;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * A reply that stops an enrollment closes its open tasks (outcome {@code closed}): nobody should still call,
 * connect on LinkedIn or write a note to someone who has answered. Stateless and thread-safe.
 */
public final class TaskClosing implements ResponseListener {

    private final TaskStore tasks;
    private final EventLog events;

    public TaskClosing(TaskStore tasks, EventLog events) {
        this.tasks = tasks;
        this.events = events;
    }

    @Override
    public void replyStopped(Handle handle, ReplyStop stopped, Instant now) {
        long enrollmentId = stopped.enrollment().id();
        for (Task task : tasks.openOfEnrollment(handle, enrollmentId)) {
            if (tasks.close(handle, task.id(), Task.Outcome.CLOSED, now)) {
                events.append(handle, now, EventLog.Event.of(EventKind.TASK_CLOSED, "reply stopped the sequence")
                        .enrollment(enrollmentId).contact(task.contactId()).inbound(stopped.inboundId())
                        .detail("task #" + task.id() + " (" + task.kind().db() + "): " + task.text()));
            }
        }
    }
}
