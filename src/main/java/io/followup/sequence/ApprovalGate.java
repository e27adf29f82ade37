package io.followup.sequence;

import io.followup.contact.Contact;
import java.util.Optional;
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
}
