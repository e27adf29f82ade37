package io.followup.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code oauth_grant} table: per mailbox, the encrypted refresh token {@code mailboxes connect} obtained and
 * whether it still works. Stateless and thread-safe; callers pass the handle (and own the transaction).
 */
public final class GrantStore {

    /** A stored grant. {@code refreshToken} is the encrypted value ({@link TokenCipher}). */
    public record Grant(long mailboxId, String refreshToken, boolean revoked, String problem, Instant connectedAt,
                        Instant updatedAt) {

        @Override
        public String toString() {
            return "Grant[mailbox #" + mailboxId + (revoked ? ", revoked: " + problem : ", connected") + "]";
        }
    }

    /** Stores a new grant for the mailbox, replacing any earlier one (connected again). */
    public void connect(Handle handle, long mailboxId, String encryptedRefreshToken, Instant now) {
        handle.createUpdate("DELETE FROM oauth_grant WHERE mailbox_id = :mailbox").bind("mailbox", mailboxId)
                .execute();
        handle.createUpdate("""
                INSERT INTO oauth_grant (mailbox_id, refresh_token, state, problem, connected_at, updated_at)
                VALUES (:mailbox, :token, 'connected', NULL, :now, :now)""")
                .bind("mailbox", mailboxId).bind("token", encryptedRefreshToken).bind("now", now).execute();
    }

    /** Replaces the refresh token of a connected grant (the provider rotated it); false when not connected. */
    public boolean rotate(Handle handle, long mailboxId, String encryptedRefreshToken, Instant now) {
        return handle.createUpdate("""
                UPDATE oauth_grant SET refresh_token = :token, updated_at = :now
                WHERE mailbox_id = :mailbox AND state = 'connected'""")
                .bind("mailbox", mailboxId).bind("token", encryptedRefreshToken).bind("now", now).execute() == 1;
    }

    /** Marks the grant revoked with the provider's reason; false when it was not connected (already marked). */
    public boolean markRevoked(Handle handle, long mailboxId, String problem, Instant now) {
        return handle.createUpdate("""
                UPDATE oauth_grant SET state = 'revoked', problem = :problem, updated_at = :now
                WHERE mailbox_id = :mailbox AND state = 'connected'""")
                .bind("mailbox", mailboxId).bind("problem", problem.length() > 1000 ? problem.substring(0, 999)
                        + "…" : problem).bind("now", now).execute() == 1;
    }

    public Optional<Grant> find(Handle handle, long mailboxId) {
        return handle.createQuery("SELECT * FROM oauth_grant WHERE mailbox_id = :mailbox")
                .bind("mailbox", mailboxId)
                .map((rs, ctx) -> new Grant(rs.getLong("mailbox_id"), rs.getString("refresh_token"),
                        "revoked".equals(rs.getString("state")), rs.getString("problem"),
                        Instant.ofEpochMilli(rs.getLong("connected_at")), Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne();
    }

    /** The ids of mailboxes whose grant is marked revoked. */
    public List<Long> revoked(Handle handle) {
        return handle.createQuery("SELECT mailbox_id FROM oauth_grant WHERE state = 'revoked' ORDER BY mailbox_id")
                .mapTo(Long.class).list();
    }
}
