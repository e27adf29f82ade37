package io.followup.task;

import io.followup.contact.ErasureParticipant;
import io.followup.store.MultiRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of tasks. Stateless and thread-safe; call inside a transaction. */
public final class TaskStore {

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

    /**
     * Opens the task of step {@code stepNo} of enrollment {@code enrollmentId}, due {@code now}.
     *
     * @return the new task's id, or empty when that step has its task already (it is opened once)
     */
    public Optional<Long> openStep(Handle handle, long contactId, long enrollmentId, int stepNo, TaskKind kind,
                                   String text, Instant now) {
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM task WHERE enrollment_id = :enrollment "
                        + "AND step_no = :step")
                .bind("enrollment", enrollmentId).bind("step", stepNo).mapTo(Integer.class).one() > 0;
        if (exists) {
            return Optional.empty();
        }
        long id = insert(handle, contactId, enrollmentId, kind, text, now, now);
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

    /** The step numbers {@code enrollmentId}'s step tasks are filed under. */
    public Set<Integer> stepNumbers(Handle handle, long enrollmentId) {
        return Set.copyOf(handle.createQuery("SELECT step_no FROM task WHERE enrollment_id = :id AND step_no IS NOT NULL")
                .bind("id", enrollmentId).mapTo(Integer.class).list());
    }

    /** Closes the open task of step {@code stepNo} of {@code enrollmentId}, if any, as skipped. */
    public void skipStep(Handle handle, long enrollmentId, int stepNo, Instant now) {
        handle.createUpdate("UPDATE task SET done_at = :now, outcome = :outcome WHERE enrollment_id = :id "
                        + "AND step_no = :step AND done_at IS NULL")
                .bind("now", now).bind("outcome", Task.Outcome.SKIPPED.db()).bind("id", enrollmentId)
                .bind("step", stepNo).execute();
    }

    /** Files {@code enrollmentId}'s task of step {@code from} under step {@code to}. */
    public void moveStep(Handle handle, long enrollmentId, int from, int to) {
        handle.createUpdate("UPDATE task SET step_no = :to WHERE enrollment_id = :id AND step_no = :from")
                .bind("to", to).bind("id", enrollmentId).bind("from", from).execute();
    }

    /** A forgotten contact's tasks and its enrollments' go ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        handle.createUpdate("DELETE FROM task WHERE contact_id = :contact").bind("contact", forgotten.contactId())
                .execute();
        MultiRow.updateIn(handle, "DELETE FROM task WHERE enrollment_id IN (<ids>)", forgotten.enrollments());
    }
}
