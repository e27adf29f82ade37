package io.followup.task;

import io.followup.sequence.Enrollment;
import io.followup.sequence.EscalationDefinition.TaskKind;
import io.followup.sequence.StepNumbers;
import io.followup.sequence.StepTasks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of tasks. Stateless and thread-safe; call inside a transaction. */
public final class TaskStore implements StepTasks {

    private static final int MAX_TEXT = 1000;

    public long insert(Handle handle, long contactId, Long enrollmentId, TaskKind kind, String text, Instant dueAt,
                       Instant now) {
        return handle.createUpdate("""
                INSERT INTO task (contact_id, enrollment_id, kind, text, due_at, created_at)
                VALUES (:contact, :enrollment, :kind, :text, :due, :now)""")
                .bind("contact", contactId).bindByType("enrollment", enrollmentId, Long.class)
                .bind("kind", kind.db())
                .bind("text", text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…")
                .bind("due", dueAt).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public Optional<Long> open(Handle handle, Enrollment enrollment, int stepNo, TaskKind kind, String text,
                               Instant now) {
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM task WHERE enrollment_id = :enrollment "
                        + "AND step_no = :step")
                .bind("enrollment", enrollment.id()).bind("step", stepNo).mapTo(Integer.class).one() > 0;
        if (exists) {
            return Optional.empty();
        }
        long id = insert(handle, enrollment.contactId(), enrollment.id(), kind, text, now, now);
        handle.createUpdate("UPDATE task SET step_no = :step WHERE id = :id").bind("step", stepNo).bind("id", id)
                .execute();
        return Optional.of(id);
    }

    public Optional<Task> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM task WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Task.read(rs)).findOne();
    }

    /** Open tasks (or all, with {@code includeDone}), earliest due first. */
    public List<Task> list(Handle handle, boolean includeDone, int limit) {
        return handle.createQuery("SELECT * FROM task" + (includeDone ? "" : " WHERE done_at IS NULL")
                        + " ORDER BY due_at, id LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> Task.read(rs)).list();
    }

    public List<Task> ofEnrollment(Handle handle, long enrollmentId) {
        return handle.createQuery("SELECT * FROM task WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).map((rs, ctx) -> Task.read(rs)).list();
    }

    /** Marks an open task done; returns false when it was done already (or does not exist). */
    public boolean markDone(Handle handle, long id, Instant now) {
        return close(handle, id, Task.Outcome.DONE, now);
    }

    /** Closes an open task with {@code outcome}; returns false when it was closed already (or does not exist). */
    public boolean close(Handle handle, long id, Task.Outcome outcome, Instant now) {
        return handle.createUpdate("UPDATE task SET done_at = :now, outcome = :outcome WHERE id = :id "
                        + "AND done_at IS NULL")
                .bind("now", now).bind("outcome", outcome.db()).bind("id", id).execute() == 1;
    }

    /** The open tasks of an enrollment, oldest first. */
    public List<Task> openOfEnrollment(Handle handle, long enrollmentId) {
        return handle.createQuery("SELECT * FROM task WHERE enrollment_id = :id AND done_at IS NULL ORDER BY id")
                .bind("id", enrollmentId).map((rs, ctx) -> Task.read(rs)).list();
    }

    @Override
    public Set<Integer> stepNumbers(Handle handle, long enrollmentId) {
        return Set.copyOf(handle.createQuery("SELECT step_no FROM task WHERE enrollment_id = :id AND step_no IS NOT NULL")
                .bind("id", enrollmentId).mapTo(Integer.class).list());
    }

    @Override
    public void renumber(Handle handle, long enrollmentId, Map<Integer, Integer> numbers, Set<Integer> skipped,
                         Instant now) {
        for (int stepNo : skipped) {
            handle.createUpdate("UPDATE task SET done_at = :now, outcome = :outcome WHERE enrollment_id = :id "
                            + "AND step_no = :step AND done_at IS NULL")
                    .bind("now", now).bind("outcome", Task.Outcome.SKIPPED.db()).bind("id", enrollmentId)
                    .bind("step", stepNo).execute();
        }
        StepNumbers.renumber(numbers, (from, to) -> handle.createUpdate(
                        "UPDATE task SET step_no = :to WHERE enrollment_id = :id AND step_no = :from")
                .bind("to", to).bind("id", enrollmentId).bind("from", from).execute());
    }
}
