package io.followup.sequence;

import io.followup.contact.Contact;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Asked by the {@link StepDispatcher} for each draft it renders: whether the draft waits in
 * {@code pending_approval} for a person. The dispatcher owns this question; the approval package answers it
 * ({@code approval.ApprovalPolicy}), so the engine knows nothing of approvals. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ApprovalGate {

    /** Nothing waits for approval. */
    ApprovalGate NONE = (handle, enrollmentId, sequence, step, contact) -> Optional.empty();

    /** Why this draft of enrollment {@code enrollmentId} needs approval, or empty when it may be queued at once. */
    Optional<String> reason(Handle handle, long enrollmentId, SequenceDefinition sequence, StepDefinition step,
                            Contact contact);

    /**
     * For a batch of due enrollments, read at once: those whose first step waits for approval because it came from
     * a referral. By default none is read in advance and {@link #reason(Handle, long, SequenceDefinition,
     * StepDefinition, Contact, boolean)} asks per draft.
     */
    default Set<Long> referralFirstAmong(Handle handle, Collection<Long> enrollmentIds) {
        return Set.of();
    }

    /** {@link #reason(Handle, long, SequenceDefinition, StepDefinition, Contact)} with the batch's referral answer. */
    default Optional<String> reason(Handle handle, long enrollmentId, SequenceDefinition sequence, StepDefinition step,
                                    Contact contact, boolean referralFirst) {
        return reason(handle, enrollmentId, sequence, step, contact);
    }
}
