package io.followup.approval;

import io.followup.contact.ErasureParticipant;
import io.followup.outbox.OutboundState;
import io.followup.store.MultiRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code approval_decision}: the audit trail of drafts. Stateless and thread-safe. */
public final class DecisionLog {

    long record(Handle handle, Decision decision) {
        return handle.createUpdate("""
                INSERT INTO approval_decision (outbound_id, decision, decided_by, decided_at, old_state, new_state,
                    reason, changes, old_subject, new_subject, old_text, new_text)
                VALUES (:outbound, :decision, :by, :at, :oldState, :newState, :reason, :changes, :oldSubject,
                    :newSubject, :oldText, :newText)""")
                .bind("outbound", decision.outboundId()).bind("decision", decision.kind())
                .bind("by", truncate(decision.decidedBy(), 100)).bind("at", decision.decidedAt())
                .bind("oldState", decision.oldState().db()).bind("newState", decision.newState().db())
                .bind("reason", truncate(decision.reason(), 1000)).bind("changes", decision.changes())
                .bind("oldSubject", decision.oldSubject()).bind("newSubject", decision.newSubject())
                .bind("oldText", decision.oldText()).bind("newText", decision.newText())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    List<Decision> ofDraft(Handle handle, long outboundId) {
        return handle.createQuery("SELECT * FROM approval_decision WHERE outbound_id = :id ORDER BY id")
                .bind("id", outboundId).map((rs, ctx) -> read(rs)).list();
    }

    private static Decision read(ResultSet rs) throws SQLException {
        return new Decision(rs.getLong("id"), rs.getLong("outbound_id"), rs.getString("decision"),
                rs.getString("decided_by"), Instant.ofEpochMilli(rs.getLong("decided_at")),
                OutboundState.ofDb(rs.getString("old_state")), OutboundState.ofDb(rs.getString("new_state")),
                rs.getString("reason"), rs.getString("changes"), rs.getString("old_subject"),
                rs.getString("new_subject"), rs.getString("old_text"), rs.getString("new_text"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A forgotten contact's messages lose their decisions ({@code ContactEraser}'s participant). */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "DELETE FROM approval_decision WHERE outbound_id IN (<ids>)", forgotten.outbound());
    }
}
