package io.followup.task;

import io.followup.contact.Contact;
import io.followup.contact.ContactStore;
import io.followup.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Lists tasks and marks them done (for the command line and, later, the web UI and digest). Thread-safe. */
public final class TaskService {

    /** A task with the contact it is about. */
    public record Listed(Task task, Contact contact) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final TaskStore tasks;
    private final ContactStore contacts;
    private final EventLog events;

    public TaskService(Jdbi jdbi, Clock clock, TaskStore tasks, ContactStore contacts, EventLog events) {
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
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            Task task = tasks.find(handle, id).orElseThrow(() -> new TaskException("no task #" + id));
            if (!tasks.markDone(handle, id, now)) {
                throw new TaskException("task #" + id + " is done already");
            }
            EventLog.Event event = EventLog.Event.of("task_done", cause).contact(task.contactId())
                    .detail("task #" + id + " (" + task.kind().db() + "): " + task.text());
            events.append(handle, now, task.enrollmentId() == null ? event : event.enrollment(task.enrollmentId()));
            return tasks.find(handle, id).orElseThrow();
        });
    }
}
