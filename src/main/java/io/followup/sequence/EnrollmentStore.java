package io.followup.sequence;

import io.followup.inbound.text.Subjects;
import io.followup.store.GroupCounts;
import io.followup.store.MultiRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of enrollments. Every state change is a conditional UPDATE on the expected state, so two daemons (or a
 * daemon and a command) never both act on one enrollment. Stateless and thread-safe; call inside a transaction.
 */
public final class EnrollmentStore implements io.followup.contact.EnrollmentErasure {

    private static final String LIVE = "('active', 'paused', 'held')";

    private final io.followup.outbox.OutboxStore outbox = new io.followup.outbox.OutboxStore();

    public long insert(Handle handle, long contactId, long sequenceId, long mailboxId, Instant dueAt, Instant now) {
        return handle.createUpdate("""
                INSERT INTO enrollment (contact_id, sequence_id, mailbox_id, state, next_step, next_due_at,
                                        live_key, enrolled_at, updated_at)
                VALUES (:contact, :sequence, :mailbox, 'active', 1, :due, :liveKey, :now, :now)""")
                .bind("contact", contactId).bind("sequence", sequenceId).bind("mailbox", mailboxId)
                .bind("due", dueAt).bind("liveKey", contactId + ":" + sequenceId).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Stores how the enrolment's first message keeps the sequence's first-touch promise (a no-op without one). */
    public void recordFirstTouch(Handle handle, long id, FirstTouchPlan plan) {
        if (plan.deadline() == null) {
            return;
        }
        handle.createUpdate("""
                UPDATE enrollment SET first_touch_by = :by, first_touch_plan = :plan, first_touch_reason = :reason
                WHERE id = :id""")
                .bind("by", plan.deadline()).bind("plan", plan.mode().db()).bind("reason", plan.reason())
                .bind("id", id).execute();
    }

    /** How the enrolment's first message keeps its promise; null when the sequence made none at enrolment. */
    public FirstTouchPlan.Mode firstTouchMode(Handle handle, long id) {
        return handle.createQuery("SELECT first_touch_plan FROM enrollment WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().map(FirstTouchPlan.Mode::fromDb).orElse(null);
    }

    /** Why the send window alone would break the enrolment's first-touch promise; null when it would not. */
    public String firstTouchReason(Handle handle, long id) {
        return handle.createQuery("SELECT first_touch_reason FROM enrollment WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().orElse(null);
    }

    public Enrollment byId(Handle handle, long id) {
        return find(handle, id).orElseThrow(() -> new EnrollmentException("no enrollment #" + id));
    }

    public Optional<Enrollment> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM enrollment WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Enrollment.read(rs)).findOne();
    }

    /** An enrollment and its contact's own time zone (null: the contact has none). */
    public record WithContactZone(Enrollment enrollment, String contactTimeZone) {
    }

    /**
     * Where an enrollment's messages go out: its sequence, its mailbox, its contact's own time zone (null: none) and
     * its first-touch plan (null: none).
     */
    public record SendPlace(long sequenceId, long mailboxId, String contactTimeZone, FirstTouchPlan.Mode firstTouch) {
    }

    /** The send places of the enrollments {@code ids} (one query, for the send window), by id; unknown ids absent. */
    public java.util.Map<Long, SendPlace> sendPlaces(Handle handle, List<Long> ids) {
        java.util.Map<Long, SendPlace> places = new java.util.HashMap<>();
        handle.createQuery("""
                        SELECT e.id, e.sequence_id, e.mailbox_id, c.time_zone, e.first_touch_plan FROM enrollment e
                        JOIN contact c ON c.id = e.contact_id WHERE e.id IN (<ids>)""")
                .bindList("ids", ids)
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong("id"), new SendPlace(rs.getLong("sequence_id"),
                        rs.getLong("mailbox_id"), rs.getString("time_zone"),
                        FirstTouchPlan.Mode.fromDb(rs.getString("first_touch_plan")))))
                .forEach(entry -> places.put(entry.getKey(), entry.getValue()));
        return places;
    }

    /** The enrollments with these ids and their contacts' time zones (one query), by id; unknown ids are absent. */
    public java.util.Map<Long, WithContactZone> byIdsWithContactZone(Handle handle, java.util.Collection<Long> ids) {
        java.util.Map<Long, WithContactZone> found = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            handle.createQuery("SELECT e.*, c.time_zone AS contact_time_zone FROM enrollment e "
                            + "JOIN contact c ON c.id = e.contact_id WHERE e.id IN (<ids>)")
                    .bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> new WithContactZone(Enrollment.read(rs), rs.getString("contact_time_zone")))
                    .forEach(row -> found.put(row.enrollment().id(), row));
        }
        return found;
    }

    public Optional<Enrollment> findLive(Handle handle, long contactId, long sequenceId) {
        return handle.createQuery("SELECT * FROM enrollment WHERE live_key = :key")
                .bind("key", contactId + ":" + sequenceId).map((rs, ctx) -> Enrollment.read(rs)).findOne();
    }

    /** Live enrollments of a contact, oldest first. */
    public List<Enrollment> liveOfContact(Handle handle, long contactId) {
        return handle.createQuery("SELECT * FROM enrollment WHERE contact_id = :contact AND state IN " + LIVE
                        + " ORDER BY id")
                .bind("contact", contactId).map((rs, ctx) -> Enrollment.read(rs)).list();
    }

    /** Live enrollments of a mailbox whose thread has this subject key ({@link Subjects#key}), oldest first. */
    public List<Enrollment> liveByThreadKey(Handle handle, long mailboxId, String threadKey) {
        return handle.createQuery("SELECT * FROM enrollment WHERE mailbox_id = :mailbox AND thread_key = :key "
                        + "AND state IN " + LIVE + " ORDER BY id")
                .bind("mailbox", mailboxId).bind("key", threadKey).map((rs, ctx) -> Enrollment.read(rs)).list();
    }

    /** Ids of active enrollments whose next step (or completion) is due, earliest first. */
    public List<Long> due(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT id FROM enrollment WHERE state = 'active' AND next_due_at <= :now
                ORDER BY next_due_at, id LIMIT :limit""")
                .bind("now", now).bind("limit", limit).mapTo(Long.class).list();
    }

    /**
     * Like {@link #due}, locking the rows it returns until the transaction ends and passing over rows another
     * transaction has locked ({@code FOR UPDATE SKIP LOCKED}): nodes dispatching at once take different
     * enrollments instead of waiting for each other.
     */
    public List<Long> claimable(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT id FROM enrollment WHERE state = 'active' AND next_due_at <= :now
                ORDER BY next_due_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", now).bind("limit", limit).mapTo(Long.class).list();
    }

    /**
     * A due enrollment read for a batch, with how its first message keeps the first-touch promise, and its row
     * version (the batch claims it only if the row has not changed since).
     */
    public record Claimable(Enrollment enrollment, FirstTouchPlan.Mode firstTouch, String firstTouchReason,
                            long version) {
    }

    /**
     * Like {@link #due}, the whole rows (one query for a batch), read without locking them: the batch is rendered
     * from them, then {@link #lockDue} takes those still due and unchanged.
     */
    public List<Claimable> dueRows(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT * FROM enrollment WHERE state = 'active' AND next_due_at <= :now
                ORDER BY next_due_at, id LIMIT :limit""")
                .bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new Claimable(Enrollment.read(rs), rs.getString("first_touch_plan") == null ? null
                        : FirstTouchPlan.Mode.fromDb(rs.getString("first_touch_plan")),
                        rs.getString("first_touch_reason"), rs.getLong("version")))
                .list();
    }

    /**
     * Locks those of {@code ids} that are still active and due ({@code FOR UPDATE SKIP LOCKED}: rows another
     * transaction holds are left to it) and returns their row versions by id. Call inside the claiming transaction.
     */
    public Map<Long, Long> lockDue(Handle handle, java.util.Collection<Long> ids, Instant now) {
        Map<Long, Long> versions = new HashMap<>();
        if (ids.isEmpty()) {
            return versions;
        }
        handle.createQuery("""
                SELECT id, version FROM enrollment WHERE id IN (<ids>) AND state = 'active' AND next_due_at <= :now
                FOR UPDATE SKIP LOCKED""")
                .bindList("ids", List.copyOf(ids)).bind("now", now)
                .map((rs, ctx) -> versions.put(rs.getLong("id"), rs.getLong("version"))).list();
        return versions;
    }

    /** {@link #claimDue} for several enrollments with one statement; returns how many were taken. */
    public int claimAllDue(Handle handle, java.util.Collection<Long> ids, Instant now) {
        return ids.isEmpty() ? 0 : handle.createUpdate("""
                UPDATE enrollment SET next_due_at = NULL, version = version + 1, updated_at = :now
                WHERE id IN (<ids>) AND state = 'active' AND next_due_at <= :now""")
                .bindList("ids", List.copyOf(ids)).bind("now", now).execute();
    }

    /**
     * Takes a due enrollment for dispatch: clears its due time so no other dispatcher takes it. Returns false
     * when it is no longer due (another node took it, or it was stopped).
     */
    public boolean claimDue(Handle handle, long id, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET next_due_at = NULL, version = version + 1, updated_at = :now
                WHERE id = :id AND state = 'active' AND next_due_at <= :now""")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    /** Moves a due active enrollment's due time to {@code dueAt} (a failed dispatch waits before the next try). */
    public boolean deferDue(Handle handle, long id, Instant dueAt, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET next_due_at = :due, version = version + 1, updated_at = :now
                WHERE id = :id AND state = 'active' AND next_due_at <= :now""")
                .bind("due", dueAt).bind("id", id).bind("now", now).execute() == 1;
    }

    /** After a step was sent: moves to the next step, records the thread, sets when the next one is due. */
    private static final String STEP_SENT = """
            UPDATE enrollment SET next_step = :next, last_sent_at = :now, thread_subject = :subject,
                   thread_key = :threadKey, thread_refs = :refs, next_due_at = :due, version = version + 1, updated_at = :now
            WHERE id = :id AND next_step = :step""";

    public void stepSent(Handle handle, long id, int stepNo, String threadSubject, String threadRefs,
                         Instant nextDueAt, Instant now) {
        bindStepSent(handle.createUpdate(STEP_SENT), new StepSent(id, stepNo, threadSubject, threadRefs, nextDueAt,
                now), "").execute();
    }

    /** A step sent, for {@link #stepSentAll}. */
    public record StepSent(long id, int stepNo, String threadSubject, String threadRefs, Instant nextDueAt,
                           Instant now) {
    }

    /**
     * {@link #stepSent} for several enrollments with one set-based {@code UPDATE} (per {@link MultiRow#MAX_ROWS}
     * steps): each row's values are picked by its id. Should one enrollment appear twice, the steps are applied one
     * after the other, in order.
     */
    public void stepSentAll(Handle handle, List<StepSent> steps) {
        if (steps.stream().map(StepSent::id).distinct().count() < steps.size()) {
            steps.forEach(step -> bindStepSent(handle.createUpdate(STEP_SENT), step, "").execute());
            return;
        }
        for (List<StepSent> chunk : MultiRow.chunks(steps)) {
            int rows = chunk.size();
            Update update = handle.createUpdate("UPDATE enrollment SET next_step = "
                    + MultiRow.caseOf("id", "id", "next", rows)
                    + ", last_sent_at = " + MultiRow.caseOf("id", "id", "now", rows)
                    + ", thread_subject = " + MultiRow.caseOf("id", "id", "subject", rows)
                    + ", thread_key = " + MultiRow.caseOf("id", "id", "threadKey", rows)
                    + ", thread_refs = " + MultiRow.caseOf("id", "id", "refs", rows)
                    + ", next_due_at = " + MultiRow.caseOf("id", "id", "due", rows)
                    + ", version = version + 1, updated_at = " + MultiRow.caseOf("id", "id", "now", rows)
                    + " WHERE id IN (" + MultiRow.keys("id", rows) + ") AND next_step = "
                    + MultiRow.caseOf("id", "id", "step", rows));
            for (int row = 0; row < rows; row++) {
                bindStepSent(update, chunk.get(row), Integer.toString(row));
            }
            update.execute();
        }
    }

    /** Binds the step to the parameters of {@link #STEP_SENT}, each name followed by {@code suffix}. */
    private static Update bindStepSent(Update statement, StepSent step, String suffix) {
        return statement.bind("next" + suffix, step.stepNo() + 1).bind("step" + suffix, step.stepNo())
                .bind("subject" + suffix, step.threadSubject())
                .bind("threadKey" + suffix, Subjects.key(step.threadSubject()))
                .bind("refs" + suffix, step.threadRefs()).bind("due" + suffix, step.nextDueAt())
                .bind("now" + suffix, step.now()).bind("id" + suffix, step.id());
    }

    /**
     * After the task of task step {@code stepNo} was closed: moves a live enrollment that still waits at that step
     * (no due time of its own) to the next step, due at {@code nextDueAt}; the thread is unchanged. Returns false
     * when it no longer waits there.
     */
    public boolean taskStepDone(Handle handle, long id, int stepNo, Instant nextDueAt, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET next_step = :next, next_due_at = :due, version = version + 1, updated_at = :now
                WHERE id = :id AND next_step = :step AND next_due_at IS NULL AND state IN ('active', 'paused')""")
                .bind("next", stepNo + 1).bind("step", stepNo).bind("due", nextDueAt).bind("now", now)
                .bind("id", id).execute() == 1;
    }

    /**
     * Sets an active enrollment back to a step that soft-bounced, so that the step's next attempt is what it waits
     * for; false when it has moved on since (a later step was drafted or it is no longer active).
     */
    public boolean awaitRetry(Handle handle, long id, int stepNo, Instant now) {
        boolean laterDraft = outbox.hasMessageAfterStep(handle, id, stepNo);
        return !laterDraft && handle.createUpdate("""
                UPDATE enrollment SET next_step = :step, next_due_at = NULL, version = version + 1, updated_at = :now
                WHERE id = :id AND state = 'active' AND next_step = :next""")
                .bind("step", stepNo).bind("next", stepNo + 1).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Ends a live enrollment; returns false if it was not live. */
    public boolean finish(Handle handle, long id, EnrollmentState state, String reason, Instant now) {
        if (state.isLive()) {
            throw new IllegalArgumentException("not a final state: " + state);
        }
        return handle.createUpdate("UPDATE enrollment SET state = :state, stop_reason = :reason, live_key = NULL, "
                        + "next_due_at = NULL, resume_at = NULL, version = version + 1, updated_at = :now "
                        + "WHERE id = :id AND state IN " + LIVE)
                .bind("state", state.db()).bind("reason", reason).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Holds an active enrollment (a draft needs a person); returns false if it was not active. */
    public boolean hold(Handle handle, long id, String reason, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET state = 'held', stop_reason = :reason, next_due_at = NULL,
                       version = version + 1, updated_at = :now
                WHERE id = :id AND state = 'active'""")
                .bind("reason", reason).bind("now", now).bind("id", id).execute() == 1;
    }

    /**
     * Releases a held enrollment (its draft was fixed and approved): it is active again and waits for that draft
     * to be sent, with no due time of its own. Returns false if it was not held.
     */
    public boolean release(Handle handle, long id, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET state = 'active', stop_reason = NULL, next_due_at = NULL,
                       version = version + 1, updated_at = :now
                WHERE id = :id AND state = 'held'""")
                .bind("now", now).bind("id", id).execute() == 1;
    }

    /** Pauses an active or held enrollment until {@code resumeAt} (null: until resumed by hand). */
    public boolean pause(Handle handle, long id, Instant resumeAt, String reason, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET state = 'paused', resume_at = :resume, stop_reason = :reason,
                       version = version + 1, updated_at = :now
                WHERE id = :id AND state IN ('active', 'paused')""")
                .bind("resume", resumeAt).bind("reason", reason).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Ids of paused enrollments whose resume time has come. */
    public List<Long> dueToResume(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT id FROM enrollment WHERE state = 'paused' AND resume_at <= :now ORDER BY resume_at, id
                LIMIT :limit""")
                .bind("now", now).bind("limit", limit).mapTo(Long.class).list();
    }

    /**
     * Resumes a paused enrollment. A step that fell due while it was paused becomes due now, never earlier: the
     * backlog is not sent as a burst, only the next step.
     */
    public boolean resume(Handle handle, long id, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET state = 'active', resume_at = NULL, stop_reason = NULL,
                       next_due_at = CASE WHEN next_due_at IS NOT NULL AND next_due_at < :now THEN :now
                                          ELSE next_due_at END,
                       version = version + 1, updated_at = :now
                WHERE id = :id AND state = 'paused'""")
                .bind("now", now).bind("id", id).execute() == 1;
    }

    /** How many live enrollments (active, paused, held) of a sequence wait at each next step. */
    public Map<Integer, Integer> liveByNextStep(Handle handle, long sequenceId) {
        Map<Integer, Integer> waiting = new HashMap<>();
        handle.createQuery("""
                        SELECT next_step, COUNT(*) AS n FROM enrollment WHERE sequence_id = :id
                        AND state IN ('active', 'paused', 'held') GROUP BY next_step""")
                .bind("id", sequenceId).map((rs, ctx) -> waiting.put(rs.getInt("next_step"), rs.getInt("n"))).list();
        return waiting;
    }

    /** The live enrollments of a sequence, locked until the transaction ends (a reload moves them), by id. */
    public List<Enrollment> liveOfSequenceLocked(Handle handle, long sequenceId) {
        return handle.createQuery("SELECT * FROM enrollment WHERE sequence_id = :sequence AND state IN " + LIVE
                        + " ORDER BY id FOR UPDATE")
                .bind("sequence", sequenceId).map((rs, ctx) -> Enrollment.read(rs)).list();
    }

    /**
     * Moves a live enrollment to step {@code nextStep} after its sequence changed. With {@code wake}, the step it
     * waited on (a draft or task with no due time of its own, or a held draft) is gone: it becomes active and due
     * now unless a due time is set. Returns false if it is no longer live.
     */
    public boolean moveTo(Handle handle, long id, int nextStep, boolean wake, Instant now) {
        return handle.createUpdate("""
                UPDATE enrollment SET next_step = :next,
                       next_due_at = CASE WHEN :wake AND next_due_at IS NULL AND state <> 'paused' THEN :now
                                          ELSE next_due_at END,
                       stop_reason = CASE WHEN :wake AND state = 'held' THEN NULL ELSE stop_reason END,
                       state = CASE WHEN :wake AND state = 'held' THEN 'active' ELSE state END,
                       version = version + 1, updated_at = :now
                WHERE id = :id AND state IN """ + LIVE)
                .bind("next", nextStep).bind("wake", wake).bind("now", now).bind("id", id).execute() == 1;
    }

    /** How many enrollments are in {@code state}. */
    public long countInState(Handle handle, EnrollmentState state) {
        return handle.createQuery("SELECT COUNT(*) FROM enrollment WHERE state = :state").bind("state", state.db())
                .mapTo(Long.class).one();
    }

    /** How many enrollments are in each state (every state, 0 when none), in one query. */
    public Map<EnrollmentState, Long> countByState(Handle handle) {
        return GroupCounts.of(handle, "SELECT state, COUNT(*) FROM enrollment GROUP BY state",
                EnrollmentState.class, EnrollmentState::db);
    }

    /** When the oldest due step of an active enrollment was due; empty when no active enrollment has a due step. */
    public Optional<Instant> oldestDue(Handle handle) {
        return handle.createQuery(
                        "SELECT MIN(next_due_at) FROM enrollment WHERE state = 'active' AND next_due_at IS NOT NULL")
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
    }

    @Override
    public List<Long> idsOfContact(Handle handle, long contactId) {
        return new java.util.ArrayList<>(handle.createQuery("SELECT id FROM enrollment WHERE contact_id = :contact")
                .bind("contact", contactId).mapTo(Long.class).list());
    }

    @Override
    public int deleteAll(Handle handle, List<Long> ids) {
        return io.followup.store.MultiRow.updateIn(handle, "DELETE FROM enrollment WHERE id IN (<ids>)", ids);
    }

    /** Ids of the live enrollments (active, paused, held), of one sequence when {@code sequenceId} is not null. */
    public List<Long> liveIds(Handle handle, Long sequenceId) {
        if (sequenceId != null) {
            return handle.createQuery("SELECT id FROM enrollment WHERE sequence_id = :sequence AND state IN "
                    + LIVE + " ORDER BY id").bind("sequence", sequenceId).mapTo(Long.class).list();
        }
        return handle.createQuery("SELECT id FROM enrollment WHERE state IN " + LIVE + " ORDER BY id")
                .mapTo(Long.class).list();
    }

    /** Whether a sequence has live enrollments (active, paused, held). */
    public boolean hasLive(Handle handle, long sequenceId) {
        return handle.createQuery("SELECT COUNT(*) FROM enrollment WHERE sequence_id = :id "
                        + "AND state IN " + LIVE)
                .bind("id", sequenceId).mapTo(Integer.class).one() > 0;
    }

    /** A live enrollment's id, sequence and mailbox, as {@link #livePlaces} lists them. */
    public record LivePlace(long id, long sequenceId, long mailboxId) {
    }

    /** Every live enrollment (active, paused, held) with its sequence and mailbox, oldest first. */
    public List<LivePlace> livePlaces(Handle handle) {
        return handle.createQuery("SELECT id, sequence_id, mailbox_id FROM enrollment "
                        + "WHERE state IN " + LIVE + " ORDER BY id")
                .map((rs, ctx) -> new LivePlace(rs.getLong("id"), rs.getLong("sequence_id"), rs.getLong("mailbox_id")))
                .list();
    }

    /** The mailbox of the contact's latest enrollment, if any. */
    public Optional<Long> lastMailboxOf(Handle handle, long contactId) {
        return handle.createQuery("SELECT mailbox_id FROM enrollment WHERE contact_id = :contact ORDER BY id DESC "
                        + "LIMIT 1")
                .bind("contact", contactId).mapTo(Long.class).findFirst();
    }
}
