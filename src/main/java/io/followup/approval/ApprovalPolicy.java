package io.followup.approval;

import io.followup.config.ApprovalConfig;
import io.followup.contact.Contact;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import java.util.Optional;

/**
 * Decides, when a draft is rendered, whether it waits in {@code pending_approval} for a person: when its step
 * ({@code approval: true} on the step), its sequence ({@code approval: true} on the sequence) or its contact's
 * tier ({@code approval: {tiers: [...]}} in {@code followup.yaml}) requires it. Immutable and thread-safe.
 */
public final class ApprovalPolicy {

    /** Nothing needs approval. */
    public static final ApprovalPolicy NONE = new ApprovalPolicy(ApprovalConfig.NONE);

    private final ApprovalConfig config;

    public ApprovalPolicy(ApprovalConfig config) {
        this.config = config;
    }

    /** Why this draft needs approval, or empty when it may be queued at once. */
    public Optional<String> reason(SequenceDefinition sequence, StepDefinition step, Contact contact) {
        if (step.approval()) {
            return Optional.of("step " + step.number() + " of " + sequence.name() + " requires approval");
        }
        if (sequence.approval()) {
            return Optional.of("sequence " + sequence.name() + " requires approval");
        }
        if (config.tiers().contains(contact.tier())) {
            return Optional.of("tier " + contact.tier() + " contacts require approval");
        }
        return Optional.empty();
    }
}
