package io.followup.outbox;

import io.followup.store.GroupCounts;
import io.followup.store.MultiRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the outbox. Transitions are conditional on the expected state, so a message is claimed for sending
 * by exactly one sender. Stateless and thread-safe; call inside a transaction.
 */
public final class OutboxStore implements io.followup.contact.OutboundErasure {

    private static final String DRAFT_COLUMNS = """
            enrollment_id, mailbox_id, step_no, attempt, idempotency_key, state, message_id, template, from_address,
            from_name, to_address, to_name, subject, body_text, body_html, in_reply_to, references_header, hold_reason,
            not_before, tier, unsubscribe_url, created_at, updated_at""";
    private static final List<String> DRAFT_COLUMN_LIST = java.util.Arrays.stream(DRAFT_COLUMNS.split(","))
            .map(String::strip).toList();
    /** The SQL types of {@link #DRAFT_COLUMNS}, for the NULLs of {@link #insertAll}'s rows. */
    private static final int[] DRAFT_TYPES = {java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.INTEGER,
        java.sql.Types.INTEGER, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
        java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
        java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
        java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.BIGINT,
        java.sql.Types.INTEGER, java.sql.Types.VARCHAR, java.sql.Types.BIGINT, java.sql.Types.BIGINT};
    /**
     * Drafts per statement of {@link #insertAll}: its reads' {@code IN} lists and its multi-row insert (a dispatch
     * batch is 500 drafts: one statement each; 1,000 drafts are 23,000 bound values).
     */
    private static final int DRAFTS_PER_STATEMENT = 1000;
    private static final String[] DRAFT_VALUES = {"enrollment", "mailbox", "step", "attempt", "key", "state",
        "messageId", "template", "fromAddress", "fromName", "toAddress", "toName", "subject", "text", "html",
        "inReplyTo", "references", "holdReason", "notBefore", "tier", "unsubscribeUrl", "now", "now"};

    /**
     * Stores a draft with one statement; returns its id, or empty when a draft with the same idempotency key exists
     * (found by the statement itself, or a concurrent insert of the same key that won the race on its unique index).
     * A draft without a tier takes its recipient contact's (3 when no contact has the address).
     */
    public Optional<Long> insert(Handle handle, Draft draft, Instant now) {
        String values = String.join(", ", java.util.Arrays.stream(DRAFT_VALUES).map(name -> ":" + name).toList())
                .replace(":tier", "COALESCE(:tier, (SELECT c.tier FROM contact c WHERE c.email = :toAddress), 3)");
        List<Long> ids = new java.util.ArrayList<>(1);
        boolean inserted = io.followup.store.UniqueKey.inserted(() -> {
            ids.addAll(bindDraft(handle.createUpdate("INSERT INTO outbound_message (" + DRAFT_COLUMNS + ") SELECT "
                            + values + " FROM DUAL WHERE NOT EXISTS "
                            + "(SELECT 1 FROM outbound_message WHERE idempotency_key = :key)"), draft, now, "")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).list());
            return !ids.isEmpty();
        });
        return inserted ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /**
     * Stores several drafts of one batch, each with its tier given, with two statements per
     * {@link #DRAFTS_PER_STATEMENT} drafts: a query for the idempotency keys that exist already (those drafts are left
     * out) and one multi-row {@code INSERT} bound by position that returns the new ids with their keys
     * ({@link MultiRow#insertReturning}). Returns the new ids by idempotency key. A key inserted concurrently by another transaction fails the statement on the unique
     * index ({@link io.followup.store.UniqueKey#violated}), as does any bad row: the caller rolls its transaction back
     * and drafts one by one.
     */
    public Map<String, Long> insertAll(Handle handle, List<Draft> drafts, Instant now) {
        Map<String, Long> ids = new HashMap<>();
        java.util.Set<String> existing = new java.util.HashSet<>();
        for (List<Draft> chunk : MultiRow.chunks(drafts, DRAFTS_PER_STATEMENT)) {
            existing.addAll(handle.createQuery(
                            "SELECT idempotency_key FROM outbound_message WHERE idempotency_key IN (<keys>)")
                    .bindList("keys", chunk.stream().map(Draft::idempotencyKey).toList()).mapTo(String.class).list());
        }
        List<Draft> fresh = drafts.stream().filter(draft -> !existing.contains(draft.idempotencyKey())).toList();
        for (List<Draft> chunk : MultiRow.chunks(fresh, DRAFTS_PER_STATEMENT)) {
            // the new ids come back with the insert (no second read of the rows by their keys)
            for (Object[] row : MultiRow.insertReturning(handle, "outbound_message", DRAFT_COLUMN_LIST, DRAFT_TYPES,
                    chunk.stream().map(draft -> draftRow(draft, now)).toList(), "id", "idempotency_key")) {
                ids.put((String) row[1], ((Number) row[0]).longValue());
            }
        }
        return ids;
    }

    /** The values of a draft of a batch in the order of {@link #DRAFT_COLUMNS}, for {@link MultiRow#insert}. */
    private static Object[] draftRow(Draft draft, Instant now) {
        long at = now.toEpochMilli();
        return new Object[] {draft.enrollmentId(), draft.mailboxId(), draft.stepNo(), draft.attempt(),
            draft.idempotencyKey(), draft.state().db(), draft.messageId(), draft.template(), draft.fromAddress(),
            draft.fromName(), draft.toAddress(), draft.toName(), draft.subject(), draft.bodyText(), draft.bodyHtml(),
            draft.inReplyTo(), draft.referencesHeader(), draft.holdReason(),
            draft.notBefore() == null ? null : draft.notBefore().toEpochMilli(),
            java.util.Objects.requireNonNull(draft.tier(), "the tier of a draft in a batch"), draft.unsubscribeUrl(),
            at, at};
    }

    /** Binds a draft to the parameters {@link #DRAFT_VALUES}, each name followed by {@code suffix}. */
    private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindDraft(T statement, Draft draft,
                                                                                     Instant now, String suffix) {
        return statement.bind("enrollment" + suffix, draft.enrollmentId()).bind("mailbox" + suffix, draft.mailboxId())
                .bind("step" + suffix, draft.stepNo()).bind("attempt" + suffix, draft.attempt())
                .bind("key" + suffix, draft.idempotencyKey()).bind("state" + suffix, draft.state().db())
                .bind("messageId" + suffix, draft.messageId()).bind("template" + suffix, draft.template())
                .bind("fromAddress" + suffix, draft.fromAddress()).bind("fromName" + suffix, draft.fromName())
                .bind("toAddress" + suffix, draft.toAddress()).bind("toName" + suffix, draft.toName())
                .bind("subject" + suffix, draft.subject()).bind("text" + suffix, draft.bodyText())
                .bind("html" + suffix, draft.bodyHtml()).bind("inReplyTo" + suffix, draft.inReplyTo())
                .bind("references" + suffix, draft.referencesHeader()).bind("holdReason" + suffix, draft.holdReason())
                .bindByType("notBefore" + suffix, draft.notBefore(), Instant.class)
                .bindByType("tier" + suffix, draft.tier(), Integer.class)
                .bind("unsubscribeUrl" + suffix, draft.unsubscribeUrl()).bind("now" + suffix, now);
    }

    /**
     * The tiers of contacts {@code contactIds} changed: their unsent messages (held, waiting for approval, queued,
     * sending, in doubt) take the new tiers, so the queue's order stays right. Returns how many messages changed.
     */
    public int retier(Handle handle, java.util.Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return handle.createUpdate("""
                UPDATE outbound_message SET tier = COALESCE((SELECT c.tier FROM contact c
                                                              WHERE c.email = outbound_message.to_address), 3)
                WHERE to_address IN (SELECT email FROM contact WHERE id IN (<ids>))
                  AND state IN ('held', 'pending_approval', 'queued', 'sending', 'in_doubt')""")
                .bindList("ids", List.copyOf(contactIds)).execute();
    }

    /** Records the inline parts (images shown as {@code cid:} in the HTML) of an unsent message. */
    public void attachInlineParts(Handle handle, long id, List<InlinePart> parts) {
        handle.createUpdate("UPDATE outbound_message SET inline_parts = :parts WHERE id = :id")
                .bind("parts", InlinePart.encode(parts)).bind("id", id).execute();
    }

    public OutboundMessage byId(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM outbound_message WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> OutboundMessage.read(rs)).one();
    }

    /** The message with this id, if it (still) exists. */
    public Optional<OutboundMessage> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM outbound_message WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> OutboundMessage.read(rs)).findOne();
    }

    public List<OutboundMessage> ofEnrollment(Handle handle, long enrollmentId) {
        return handle.createQuery("SELECT * FROM outbound_message WHERE enrollment_id = :id ORDER BY id")
                .bind("id", enrollmentId).map((rs, ctx) -> OutboundMessage.read(rs)).list();
    }

    public List<OutboundMessage> inState(Handle handle, OutboundState state, int limit) {
        return handle.createQuery("SELECT * FROM outbound_message WHERE state = :state ORDER BY id LIMIT :limit")
                .bind("state", state.db()).bind("limit", limit).map((rs, ctx) -> OutboundMessage.read(rs)).list();
    }

    /** How many messages are in {@code state}. */
    public long count(Handle handle, OutboundState state) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE state = :state")
                .bind("state", state.db()).mapTo(Long.class).one();
    }

    /** How many messages are in each state (every state, 0 when none), in one query. */
    public Map<OutboundState, Long> countByState(Handle handle) {
        return GroupCounts.of(handle, "SELECT state, COUNT(*) FROM outbound_message GROUP BY state",
                OutboundState.class, OutboundState::db);
    }

    /** How many messages of {@code kind} are in {@code state}. */
    public long count(Handle handle, OutboundState state, OutboundKind kind) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE state = :state AND kind = :kind")
                .bind("state", state.db()).bind("kind", kind.db()).mapTo(Long.class).one();
    }

    /**
     * Queued messages whose time has come, in the order they should go when a cap binds: follow-ups (step 2 on)
     * before first touches, then by the recipient's tier (1 first; the copy on the message, see {@link #retier}),
     * then by due time. Steps go only while their
     * enrollment is active; standalone messages (notices, check-ins, thank-yous) do not depend on an enrollment.
     */
    public List<OutboundMessage> sendable(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT o.* FROM outbound_message o LEFT JOIN enrollment e ON e.id = o.enrollment_id
                WHERE o.state = 'queued' AND (o.not_before IS NULL OR o.not_before <= :now)
                  AND (e.state = 'active' OR o.kind <> 'step')
                ORDER BY CASE WHEN o.step_no > 1 THEN 0 ELSE 1 END, o.tier,
                         COALESCE(o.not_before, o.created_at), o.id
                LIMIT :limit""")
                .bind("now", now).bind("limit", limit).map((rs, ctx) -> OutboundMessage.read(rs)).list();
    }

    /** A queued message due to go: its id and mailbox, as {@link #sendablePage} lists them. */
    public record Due(long id, long mailboxId) {
    }

    /**
     * The ids of up to {@code limit} queued messages whose time has come, in {@link #sendable}'s order, without
     * reading their bodies (a queue of 100,000 sorts narrow rows only); {@link #queuedByIds} loads them as they go.
     */
    public List<Due> sendablePage(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                SELECT o.id, o.mailbox_id FROM outbound_message o LEFT JOIN enrollment e ON e.id = o.enrollment_id
                WHERE o.state = 'queued' AND (o.not_before IS NULL OR o.not_before <= :now)
                  AND (e.state = 'active' OR o.kind <> 'step')
                ORDER BY CASE WHEN o.step_no > 1 THEN 0 ELSE 1 END, o.tier,
                         COALESCE(o.not_before, o.created_at), o.id
                LIMIT :limit""")
                .bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new Due(rs.getLong("id"), rs.getLong("mailbox_id"))).list();
    }

    /** When mailbox {@code mailboxId} first began to send a message that may have reached someone (empty: never). */
    public Optional<Instant> firstSentAt(Handle handle, long mailboxId) {
        return Optional.ofNullable(handle.createQuery("""
                        SELECT MIN(COALESCE(sending_at, sent_at)) FROM outbound_message
                        WHERE mailbox_id = :mailbox AND state IN ('sent', 'sending', 'in_doubt')""")
                .bind("mailbox", mailboxId).mapTo(Long.class).one()).map(Instant::ofEpochMilli);
    }

    /** The messages among {@code ids} that are still queued, in the order of {@code ids}. */
    public List<OutboundMessage> queuedByIds(Handle handle, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, OutboundMessage> byId = new HashMap<>();
        handle.createQuery("SELECT * FROM outbound_message WHERE id IN (<ids>) AND state = 'queued'")
                .bindList("ids", ids).map((rs, ctx) -> OutboundMessage.read(rs))
                .forEach(message -> byId.put(message.id(), message));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Gives back claims that never reached SMTP ({@code sending -> queued}, the attempt not counted), so a batch
     * that ended early (a lost connection, the stop switch) leaves nothing in {@code sending}. Returns how many.
     */
    public int releaseClaims(Handle handle, List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'queued', claimed_by = NULL, sending_at = NULL,
                       send_attempts = send_attempts - 1, updated_at = :now
                WHERE id IN (<ids>) AND state = 'sending' AND claimed_by = :node""")
                .bindList("ids", ids).bind("node", node).bind("now", now).execute();
    }

    private static final String MARK_SENT = """
            UPDATE outbound_message SET state = 'sent', sent_at = :now, last_error = NULL, updated_at = :now,
                   smtp_stage = :stage, smtp_code = :code, smtp_status = :status
            WHERE id = :id AND state = 'sending'""";

    /** {@link #markSent} and {@link #recordSmtp} (at the final dot) in one statement. */
    public boolean markSent(Handle handle, long id, SmtpReply reply, Instant now) {
        return bindSent(handle.createUpdate(MARK_SENT), id, reply, now, "").execute() == 1;
    }

    /** Binds a sent message to the parameters of {@link #MARK_SENT}, each name followed by {@code suffix}. */
    private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindSent(T statement, long id,
                                                                                    SmtpReply reply, Instant now,
                                                                                    String suffix) {
        return statement.bind("stage" + suffix, SmtpStage.END_OF_DATA.db())
                .bindByType("code" + suffix, reply == null || !reply.answered() ? null : reply.code(), Integer.class)
                .bind("status" + suffix, reply == null ? null : reply.enhancedStatus())
                .bind("id" + suffix, id).bind("now" + suffix, now);
    }

    /**
     * Takes the messages among {@code ids} that are still queued for sending with one statement ({@code queued ->
     * sending}, the attempt counted) and returns their ids; call in the claiming transaction, under the mailbox's
     * pacing lock (which keeps other claimers of these messages out), committed before the SMTP transaction of the
     * first of them starts. Only when some were no longer queued (cancelled, deferred meanwhile) is a second
     * statement needed to tell which were taken.
     */
    public java.util.Set<Long> claimQueued(Handle handle, List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        int taken = handle.createUpdate("""
                UPDATE outbound_message SET state = 'sending', claimed_by = :node, sending_at = :now,
                       send_attempts = send_attempts + 1, updated_at = :now
                WHERE id IN (<ids>) AND state = 'queued'""")
                .bindList("ids", ids).bind("node", node).bind("now", now).execute();
        if (taken == ids.size()) {
            return java.util.Set.copyOf(ids);
        }
        return java.util.Set.copyOf(handle.createQuery("SELECT id FROM outbound_message WHERE id IN (<ids>) "
                        + "AND state = 'sending' AND claimed_by = :node AND sending_at = :now")
                .bindList("ids", ids).bind("node", node).bind("now", now).mapTo(Long.class).list());
    }

    /** A message the server accepted at {@code at} with {@code reply} to the final dot, for {@link #markSentAll}. */
    public record SentMark(long id, SmtpReply reply, Instant at) {
    }

    /**
     * {@link #markSent(Handle, long, SmtpReply, Instant)} for several messages with two server commands (per
     * {@link MultiRow#MAX_ROWS} messages): the rows still in {@code sending} are read and locked, then marked with one
     * set-based {@code UPDATE}. Returns the messages marked (those that were still in {@code sending}), each with
     * its step number as stored now (a sequence reload may have renumbered it while it went over SMTP).
     */
    public Map<Long, Integer> markSentAll(Handle handle, List<SentMark> marks) {
        Map<Long, Integer> marked = new HashMap<>();
        for (List<SentMark> chunk : MultiRow.chunks(marks)) {
            Map<Long, Integer> sending = new HashMap<>();
            handle.createQuery("SELECT id, step_no FROM outbound_message WHERE id IN (<ids>) AND state = 'sending' "
                            + "FOR UPDATE")
                    .bindList("ids", chunk.stream().map(SentMark::id).toList())
                    .map((rs, ctx) -> sending.put(rs.getLong("id"), rs.getInt("step_no"))).list();
            List<SentMark> marking = chunk.stream().filter(mark -> sending.containsKey(mark.id())).toList();
            if (marking.isEmpty()) {
                continue;
            }
            int rows = marking.size();
            org.jdbi.v3.core.statement.Update update = handle.createUpdate("UPDATE outbound_message SET state = 'sent'"
                    + ", sent_at = " + MultiRow.caseOf("id", "id", "now", rows)
                    + ", last_error = NULL, updated_at = " + MultiRow.caseOf("id", "id", "now", rows)
                    + ", smtp_stage = " + MultiRow.caseOf("id", "id", "stage", rows)
                    + ", smtp_code = " + MultiRow.caseOf("id", "id", "code", rows)
                    + ", smtp_status = " + MultiRow.caseOf("id", "id", "status", rows)
                    + " WHERE id IN (" + MultiRow.keys("id", rows) + ") AND state = 'sending'");
            for (int row = 0; row < rows; row++) {
                SentMark mark = marking.get(row);
                bindSent(update, mark.id(), mark.reply(), mark.at(), Integer.toString(row));
            }
            update.execute();
            marking.forEach(mark -> marked.put(mark.id(), sending.get(mark.id())));
        }
        return marked;
    }

    /** Takes a queued message for sending; committed before the SMTP transaction starts. */
    public boolean claimForSending(Handle handle, long id, String node, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'sending', claimed_by = :node, sending_at = :now,
                       send_attempts = send_attempts + 1, updated_at = :now
                WHERE id = :id AND state = 'queued'""")
                .bind("id", id).bind("node", node).bind("now", now).execute() == 1;
    }

    public boolean markSent(Handle handle, long id, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'sent', sent_at = :now, last_error = NULL, updated_at = :now
                WHERE id = :id AND state = 'sending'""")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    /** Puts a message whose sending failed for a passing reason back in the queue until {@code notBefore}. */
    public boolean requeue(Handle handle, long id, Instant notBefore, String error, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'queued', not_before = :notBefore, last_error = :error,
                       claimed_by = NULL, sending_at = NULL, updated_at = :now
                WHERE id = :id AND state = 'sending'""")
                .bind("notBefore", notBefore).bind("error", truncate(error)).bind("now", now).bind("id", id)
                .execute() == 1;
    }

    /** Records where the SMTP transaction of a message ended and the server's reply there (null: none). */
    public void recordSmtp(Handle handle, long id, SmtpStage stage, SmtpReply reply) {
        handle.createUpdate("UPDATE outbound_message SET smtp_stage = :stage, smtp_code = :code, smtp_status = :status "
                        + "WHERE id = :id")
                .bind("stage", stage == null ? null : stage.db())
                .bindByType("code", reply == null || !reply.answered() ? null : reply.code(), Integer.class)
                .bind("status", reply == null ? null : reply.enhancedStatus()).bind("id", id).execute();
    }

    /** The recorded end of a message's last SMTP transaction, if it had one. */
    public Optional<SmtpOutcome> smtpOutcome(Handle handle, long id) {
        return handle.createQuery("SELECT smtp_stage, smtp_code, smtp_status FROM outbound_message "
                        + "WHERE id = :id AND smtp_stage IS NOT NULL")
                .bind("id", id).map((rs, ctx) -> {
                    int code = rs.getInt("smtp_code");
                    return new SmtpOutcome(SmtpStage.ofDb(rs.getString("smtp_stage")), rs.wasNull() ? 0 : code,
                            rs.getString("smtp_status"));
                }).findOne();
    }

    /** Moves a queued message's earliest send time to {@code notBefore} (a send window or a cap). */
    public boolean deferQueued(Handle handle, long id, Instant notBefore, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET not_before = :notBefore, updated_at = :now
                WHERE id = :id AND state = 'queued'""")
                .bind("notBefore", notBefore).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Moves a message from one state to another; returns false when it was not in {@code from}. */
    public boolean transition(Handle handle, long id, OutboundState from, OutboundState to, String error,
                              Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = :to, last_error = COALESCE(:error, last_error), updated_at = :now
                WHERE id = :id AND state = :from""")
                .bind("to", to.db()).bind("from", from.db()).bind("error", truncate(error)).bind("now", now)
                .bind("id", id).execute() == 1;
    }

    /** Cancels every unsent draft of an enrollment (held, waiting for approval, queued); returns how many. */
    public int cancelUnsent(Handle handle, long enrollmentId, String reason, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'cancelled', last_error = :reason, updated_at = :now
                WHERE enrollment_id = :id AND state IN ('held', 'pending_approval', 'queued')""")
                .bind("reason", truncate(reason)).bind("now", now).bind("id", enrollmentId).execute();
    }

    /**
     * Ids of messages in {@code sending} claimed by {@code node} (when not null) or claimed before
     * {@code staleBefore} (when not null).
     */
    public List<Long> abandonedSending(Handle handle, String node, Instant staleBefore) {
        return handle.createQuery("""
                SELECT id FROM outbound_message
                WHERE state = 'sending' AND ((:node IS NOT NULL AND claimed_by = :node)
                                             OR (:stale IS NOT NULL AND sending_at < :stale))
                ORDER BY id""")
                .bind("node", node).bindByType("stale", staleBefore, Instant.class).mapTo(Long.class).list();
    }

    /** The stored outbound message with this Message-ID, if it is ours. */
    public Optional<OutboundMessage> byMessageId(Handle handle, String messageId) {
        return handle.createQuery("SELECT * FROM outbound_message WHERE message_id = :id")
                .bind("id", messageId).map((rs, ctx) -> OutboundMessage.read(rs)).findOne();
    }

    /** Replaces the content of an unsent draft in state {@code state}; returns false if it was not in it. */
    public boolean editContent(Handle handle, long id, OutboundState state, String subject, String text,
                               String html, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET subject = :subject, body_text = :text, body_html = :html,
                       updated_at = :now
                WHERE id = :id AND state = :state""")
                .bind("subject", subject).bind("text", text).bind("html", html).bind("now", now).bind("id", id)
                .bind("state", state.db()).execute() == 1;
    }

    /** A person confirmed that an {@code in_doubt} message did reach the server: it becomes {@code sent}. */
    public boolean confirmSent(Handle handle, long id, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'sent', sent_at = :now, updated_at = :now
                WHERE id = :id AND state = 'in_doubt'""")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    /**
     * A person decided to send an {@code in_doubt} message again: it is queued under the same Message-ID, so a
     * server that got it already can de-duplicate.
     */
    public boolean requeueInDoubt(Handle handle, long id, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET state = 'queued', claimed_by = NULL, sending_at = NULL,
                       not_before = NULL, updated_at = :now
                WHERE id = :id AND state = 'in_doubt'""")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    /** How many step messages (step 1 and on) of a sequence's enrollments are in each state, by step number. */
    public Map<Integer, Map<String, Integer>> stepStates(Handle handle, long sequenceId) {
        Map<Integer, Map<String, Integer>> counts = new HashMap<>();
        handle.createQuery("""
                        SELECT o.step_no, o.state, COUNT(*) AS n FROM outbound_message o
                        JOIN enrollment e ON e.id = o.enrollment_id
                        WHERE e.sequence_id = :id AND o.step_no > 0 GROUP BY o.step_no, o.state""")
                .bind("id", sequenceId)
                .map((rs, ctx) -> {
                    counts.computeIfAbsent(rs.getInt("step_no"), step -> new HashMap<>())
                            .merge(rs.getString("state"), rs.getInt("n"), Integer::sum);
                    return 0;
                }).list();
        return counts;
    }

    /** The step numbers of {@code enrollmentId}'s step messages. */
    public java.util.Set<Integer> stepNumbers(Handle handle, long enrollmentId) {
        return java.util.Set.copyOf(handle.createQuery(
                        "SELECT DISTINCT step_no FROM outbound_message WHERE enrollment_id = :id AND kind = 'step'")
                .bind("id", enrollmentId).mapTo(Integer.class).list());
    }

    /**
     * After its sequence changed: files {@code enrollmentId}'s step messages of step {@code from} under step
     * {@code to}, their idempotency keys with them ({@code to} must be free: see the sequence's StepNumbers).
     */
    public void renumberStep(Handle handle, long enrollmentId, int from, int to) {
        List<long[]> rows = handle.createQuery("SELECT id, attempt FROM outbound_message "
                        + "WHERE enrollment_id = :id AND kind = 'step' AND step_no = :from")
                .bind("id", enrollmentId).bind("from", from)
                .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getInt("attempt")}).list();
        for (long[] row : rows) {
            handle.createUpdate("UPDATE outbound_message SET step_no = :to, idempotency_key = :key WHERE id = :id")
                    .bind("to", to).bind("key", enrollmentId + ":" + to + ":" + row[1]).bind("id", row[0]).execute();
        }
    }

    /** Which of {@code ids} are still in {@code sending}. */
    public java.util.Set<Long> stillSending(Handle handle, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(handle.createQuery(
                        "SELECT id FROM outbound_message WHERE id IN (<ids>) AND state = 'sending'")
                .bindList("ids", List.copyOf(ids)).mapTo(Long.class).list());
    }

    // The statements below were run by the table's other users (issue #16, one owner per table): the standalone
    // outbox, the caps, the approval queue and its notices, the send metrics, the enrollments and the eraser.

    /**
     * Stores a message that is no sequence step (see {@link StandaloneOutbox}); returns its id, or empty when a
     * message with the same idempotency key exists. Its tier is its recipient contact's (3 when no contact has the
     * address).
     */
    public Optional<Long> insertStandalone(Handle handle, StandaloneDraft draft, Instant now) {
        // one statement: the NOT EXISTS is the idempotency check (a concurrent insert of the same key still fails on
        // the unique index, as before)
        return handle.createUpdate("""
                INSERT INTO outbound_message (kind, enrollment_id, mailbox_id, step_no, attempt, idempotency_key,
                    state, message_id, template, from_address, from_name, to_address, to_name, subject, body_text,
                    body_html, hold_reason, tier, created_at, updated_at)
                SELECT :kind, :enrollment, :mailbox, 0, 1, :key, :state, :messageId, :template, :fromAddress,
                    :fromName, :toAddress, :toName, :subject, :text, :html, :holdReason,
                    COALESCE((SELECT c.tier FROM contact c WHERE c.email = :toAddress), 3), :now, :now FROM DUAL
                WHERE NOT EXISTS (SELECT 1 FROM outbound_message WHERE idempotency_key = :key)""")
                .bind("kind", draft.kind().db()).bindByType("enrollment", draft.enrollmentId(), Long.class)
                .bind("mailbox", draft.mailboxId()).bind("key", draft.idempotencyKey())
                .bind("state", draft.state().db()).bind("messageId", draft.messageId())
                .bind("template", draft.template()).bind("fromAddress", draft.fromAddress())
                .bind("fromName", draft.fromName()).bind("toAddress", draft.toAddress())
                .bind("toName", draft.toName()).bind("subject", draft.subject()).bind("text", draft.bodyText())
                .bind("html", draft.bodyHtml()).bind("holdReason", truncate(draft.holdReason()))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne();
    }

    /** Whether a message with this idempotency key exists. */
    public boolean keyExists(Handle handle, String idempotencyKey) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key = :key")
                .bind("key", idempotencyKey).mapTo(Integer.class).one() > 0;
    }

    /** Whether an unsent message of this kind to this address waits in the outbox (held, approval, queued). */
    public boolean unsentExists(Handle handle, OutboundKind kind, String toAddress) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM outbound_message WHERE kind = :kind AND to_address = :to
                AND state IN ('held', 'pending_approval', 'queued')""")
                .bind("kind", kind.db()).bind("to", toAddress).mapTo(Integer.class).one() > 0;
    }

    /** The states of a message whose sending began: what the caps count (see {@link SendPacing}). */
    private static final String CLAIMED = "('sending', 'sent', 'in_doubt', 'failed')";

    /** How many messages of the mailbox began to go after {@code since} (a cap's window). */
    public int claimedSince(Handle handle, long mailboxId, Instant since) {
        return handle.createQuery("SELECT COUNT(*) FROM outbound_message WHERE mailbox_id = :mailbox "
                        + "AND sending_at > :since AND state IN " + CLAIMED)
                .bind("mailbox", mailboxId).bind("since", since).mapTo(Integer.class).one();
    }

    /**
     * When the message of the mailbox that began to go after {@code since} in position {@code skip} (0: the
     * earliest) began; call when {@link #claimedSince} counted more than {@code skip}.
     */
    public Instant claimedAt(Handle handle, long mailboxId, Instant since, int skip) {
        return Instant.ofEpochMilli(handle.createQuery("SELECT sending_at FROM outbound_message WHERE mailbox_id = "
                        + ":mailbox AND sending_at > :since AND state IN " + CLAIMED
                        + " ORDER BY sending_at LIMIT 1 OFFSET :skip")
                .bind("mailbox", mailboxId).bind("since", since).bind("skip", skip).mapTo(Long.class).one());
    }

    /**
     * How many steps' drafts of the mailboxes wait for approval and are not snoozed at {@code now} (what an approval
     * notice announces).
     */
    public int waitingForApproval(Handle handle, List<Long> mailboxIds, Instant now) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM outbound_message o JOIN enrollment e ON e.id = o.enrollment_id
                        WHERE o.state = 'pending_approval' AND o.mailbox_id IN (<mailboxes>)
                        AND (o.snoozed_until IS NULL OR o.snoozed_until <= :now)""")
                .bindList("mailboxes", mailboxIds).bind("now", now).mapTo(Integer.class).one();
    }

    /**
     * How many messages in {@code states} are not snoozed at {@code now}, counting at most {@code cap} (a queue of a
     * million is not counted to the last row on every page view).
     */
    public int countNotSnoozedUpTo(Handle handle, java.util.Collection<OutboundState> states, Instant now, int cap) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM (SELECT o.id FROM outbound_message o WHERE o.state IN (<states>)
                          AND (o.snoozed_until IS NULL OR o.snoozed_until <= :now) LIMIT :cap) waiting""")
                .bindList("states", states.stream().map(OutboundState::db).sorted().toList()).bind("now", now)
                .bind("cap", cap).mapTo(Integer.class).one();
    }

    /** Until when a message is snoozed, if it is (whatever its state). */
    public Optional<Instant> snoozedUntil(Handle handle, long id) {
        return handle.createQuery(
                        "SELECT snoozed_until FROM outbound_message WHERE id = :id AND snoozed_until IS NOT NULL")
                .bind("id", id).mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
    }

    /** Snoozes a draft waiting for approval until {@code until}; false when it no longer waits. */
    public boolean snooze(Handle handle, long id, Instant until, Instant now) {
        return handle.createUpdate("""
                UPDATE outbound_message SET snoozed_until = :until, updated_at = :now
                WHERE id = :id AND state = 'pending_approval'""")
                .bind("until", until).bind("now", now).bind("id", id).execute() == 1;
    }

    /** When a message was claimed for sending and the code of the server's last reply to it (each null: none). */
    public record ClaimAndReply(Long sendingAt, Integer smtpCode) {

        static final ClaimAndReply NONE = new ClaimAndReply(null, null);
    }

    /** {@link ClaimAndReply} of each of {@code ids} that exists, in one query. */
    public Map<Long, ClaimAndReply> claimsAndReplies(Handle handle, List<Long> ids) {
        Map<Long, ClaimAndReply> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            handle.createQuery("SELECT id, sending_at, smtp_code FROM outbound_message WHERE id IN (<ids>)")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), new ClaimAndReply(rs.getObject(2, Long.class),
                            rs.getObject(3, Integer.class))))
                    .forEach(entry -> rows.put(entry.getKey(), entry.getValue()));
        }
        return rows;
    }

    /** {@link ClaimAndReply} of one message ({@code NONE}'s nulls when it does not exist). */
    public ClaimAndReply claimAndReply(Handle handle, long id) {
        return handle.createQuery("SELECT sending_at, smtp_code FROM outbound_message WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new ClaimAndReply(rs.getObject(1, Long.class),
                        rs.getObject(2, Integer.class))).findOne().orElse(ClaimAndReply.NONE);
    }

    /** Whether an enrollment has a message of a step after {@code stepNo} (drafted, whatever its state). */
    public boolean hasMessageAfterStep(Handle handle, long enrollmentId, int stepNo) {
        return handle.createQuery(
                        "SELECT COUNT(*) FROM outbound_message WHERE enrollment_id = :id AND step_no > :step")
                .bind("id", enrollmentId).bind("step", stepNo).mapTo(Integer.class).one() > 0;
    }

    @Override
    public List<Long> idsOf(Handle handle, String address, List<Long> enrollmentIds) {
        var select = handle.createQuery("SELECT id FROM outbound_message WHERE LOWER(to_address) = :address"
                + (enrollmentIds.isEmpty() ? "" : " OR enrollment_id IN (<enrollments>)")).bind("address", address);
        if (!enrollmentIds.isEmpty()) {
            select.bindList("enrollments", enrollmentIds);
        }
        return new java.util.ArrayList<>(select.mapTo(Long.class).list());
    }

    @Override
    public List<io.followup.contact.OutboundErasure.Content> mentioning(Handle handle, String mention,
                                                                       String escapedMention) {
        return handle.createQuery("""
                        SELECT id, subject, body_text, body_html FROM outbound_message
                        WHERE LOWER(subject) LIKE :mention ESCAPE '!' OR LOWER(body_text) LIKE :mention ESCAPE '!'
                        OR LOWER(body_html) LIKE :mention ESCAPE '!' OR LOWER(body_html) LIKE :escaped ESCAPE '!'""")
                .bind("mention", mention).bind("escaped", escapedMention)
                .map((rs, ctx) -> new io.followup.contact.OutboundErasure.Content(rs.getLong("id"),
                        rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html")))
                .list();
    }

    @Override
    public void rewrite(Handle handle, io.followup.contact.OutboundErasure.Content content) {
        handle.createUpdate("UPDATE outbound_message SET subject = :subject, body_text = :text, body_html = :html "
                        + "WHERE id = :id")
                .bind("subject", content.subject()).bind("text", content.text()).bind("html", content.html())
                .bind("id", content.id()).execute();
    }

    @Override
    public int deleteAll(Handle handle, List<Long> ids) {
        return MultiRow.updateIn(handle, "DELETE FROM outbound_message WHERE id IN (<ids>)", ids);
    }
}
