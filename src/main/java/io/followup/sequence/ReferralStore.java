package io.followup.sequence;

import io.followup.contact.ErasureParticipant;
import io.followup.store.MultiRow;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The enrollments made from a reply naming someone (table {@code referral}): how many each replier caused, and
 * whether the first message of one waits for approval. Stateless and thread-safe; every method runs in the
 * caller's transaction.
 */
public final class ReferralStore {

    public void insert(Handle handle, long enrollmentId, long replierId, long inboundId, boolean approveFirst,
                       Instant now) {
        handle.createUpdate("""
                INSERT INTO referral (enrollment_id, replier_id, inbound_id, approve_first, created_at)
                VALUES (:enrollment, :replier, :inbound, :approve, :now)""")
                .bind("enrollment", enrollmentId).bind("replier", replierId).bind("inbound", inboundId)
                .bind("approve", approveFirst).bind("now", now).execute();
    }

    /** How many contacts this replier's replies have enrolled. */
    public int countByReplier(Handle handle, long replierId) {
        return handle.createQuery("SELECT COUNT(*) FROM referral WHERE replier_id = :replier")
                .bind("replier", replierId).mapTo(Integer.class).one();
    }

    /** True when the enrollment came from a referral whose first message waits for approval. */
    public boolean approveFirst(Handle handle, long enrollmentId) {
        return handle.createQuery("SELECT COUNT(*) FROM referral WHERE enrollment_id = :enrollment AND approve_first")
                .bind("enrollment", enrollmentId).mapTo(Integer.class).one() > 0;
    }

    /** {@link #approveFirst} for several enrollments with one query: those whose first message waits. */
    public java.util.Set<Long> approveFirstAmong(Handle handle, java.util.Collection<Long> enrollmentIds) {
        if (enrollmentIds.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(handle.createQuery(
                        "SELECT DISTINCT enrollment_id FROM referral WHERE enrollment_id IN (<ids>) AND approve_first")
                .bindList("ids", java.util.List.copyOf(enrollmentIds)).mapTo(Long.class).list());
    }

    /**
     * The referrals of a forgotten contact's enrollments and those it made as a replier go
     * ({@code ContactEraser}'s participant).
     */
    public static void forget(Handle handle, ErasureParticipant.Forgotten forgotten) {
        MultiRow.updateIn(handle, "DELETE FROM referral WHERE enrollment_id IN (<ids>)", forgotten.enrollments());
        handle.createUpdate("DELETE FROM referral WHERE replier_id = :contact").bind("contact", forgotten.contactId())
                .execute();
    }
}
