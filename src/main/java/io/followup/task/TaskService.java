package io.followup.task;

import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Lists tasks and marks them done or skipped (for the command line and the web UI). Closing the task of a task step
 * lets its sequence continue ({@link StepRelease}). Thread-safe.
 */
public final class TaskService {

    /** A task with the contact it is about. */
    public record Listed(Task task, Contact contact) {
    }

    /** Told, inside the closing transaction, that the task of a task step was done or skipped. */
    @FunctionalInterface
    public interface StepRelease {
        /** Nothing continues: tasks are not steps. */
        StepRelease NONE = (handle, task, now) -> { };

        void closed(Handle handle, Task task, Instant now);
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final TaskStore tasks;
    private final ContactStore contacts;
    private final EventLog events;
    private final StepRelease release;

    public TaskService(Jdbi jdbi, Clock clock, TaskStore tasks, ContactStore contacts, EventLog events) {
        this(jdbi, clock, tasks, contacts, events, StepRelease.NONE);
    }

    /** Like the constructor above, with {@code release} moving a sequence on when its task step is closed. */
    public TaskService(Jdbi jdbi, Clock clock, TaskStore tasks, ContactStore contacts, EventLog events,
                       StepRelease release) {
        this.release = release;
        this.jdbi = jdbi;
        this.clock = clock;
        this.tasks = tasks;
        this.contacts = contacts;
        this.events = events;
    }

    /** Open tasks, or all tasks with {@code includeDone}, earliest due first (at most {@code limit}). */
    public List<Listed> list(boolean includeDone, int limit) {
        return jdbi.withHandle(handle -> tasks.list(handle, includeDone, limit).stream()
                .map(task -> new Listed(task, contacts.byId(handle, task.contactId()))).toList());
    }

    /**
     * Marks a task done.
     *
     * @param cause who did it, for the event log (e.g. {@code "cli tasks done"})
     * @throws TaskException when there is no such task or it is done already
     */
    public Task done(long id, String cause) {
        return close(id, Task.Outcome.DONE, cause);
    }

    /**
     * Marks a task skipped (not done, but no longer wanted); a task step's sequence continues all the same.
     *
     * @throws TaskException when there is no such task or it is closed already
     */
    public Task skip(long id, String cause) {
        return close(id, Task.Outcome.SKIPPED, cause);
    }

    private Task close(long id, Task.Outcome outcome, String cause) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            Task task = tasks.find(handle, id).orElseThrow(() -> new TaskException("no task #" + id));
            if (!tasks.close(handle, id, outcome, now)) {
                throw new TaskException("task #" + id + " is " + (task.outcome() == null ? "done"
                        : task.outcome().db()) + " already");
            }
            EventLog.Event event = EventLog.Event.of(EventKind.of("task_", outcome.db()), cause)
                    .contact(task.contactId())
                    .detail("task #" + id + " (" + task.kind().db() + "): " + task.text());
            events.append(handle, now, task.enrollmentId() == null ? event : event.enrollment(task.enrollmentId()));
            Task closed = tasks.find(handle, id).orElseThrow();
            if (closed.isStep()) {
                release.closed(handle, closed, now);
            }
            return closed;
        });
    }
}
