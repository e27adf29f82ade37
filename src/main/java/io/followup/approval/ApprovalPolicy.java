package io.followup.approval;

import io.followup.config.ApprovalConfig;
import io.followup.contact.Contact;
import io.followup.sequence.ApprovalGate;
import io.followup.sequence.ReferralStore;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Decides, when a draft is rendered, whether it waits in {@code pending_approval} for a person: when its step
 * ({@code approval: true} on the step), its sequence ({@code approval: true} on the sequence) or its contact's
 * tier ({@code approval: {tiers: [...]}} in {@code followup.yaml}) requires it, and the first message to a contact
 * enrolled from a referral unless its sequence opted out ({@code referral_approval: false}). Immutable and thread-safe.
 */
public final class ApprovalPolicy implements ApprovalGate {

    /** Nothing needs approval. */
    public static final ApprovalPolicy NONE = new ApprovalPolicy(ApprovalConfig.NONE);

    private static final String REFERRAL_FIRST = "first message to a contact enrolled from a referral";

    private final ApprovalConfig config;
    private final ReferralStore referrals;

    public ApprovalPolicy(ApprovalConfig config) {
        this(config, null);
    }

    /** Also holds the first message to a contact enrolled from a referral when the referral asks for it. */
    public ApprovalPolicy(ApprovalConfig config, ReferralStore referrals) {
        this.config = config;
        this.referrals = referrals;
    }

    /** Like {@link #reason(SequenceDefinition, StepDefinition, Contact)}, also for referral enrollments. */
    @Override
    public Optional<String> reason(Handle handle, long enrollmentId, SequenceDefinition sequence,
                                   StepDefinition step, Contact contact) {
        Optional<String> reason = reason(sequence, step, contact);
        if (reason.isEmpty() && referrals != null && step.number() == 1
                && referrals.approveFirst(handle, enrollmentId)) {
            return Optional.of(REFERRAL_FIRST);
        }
        return reason;
    }

    /**
     * The enrollments among {@code enrollmentIds} whose first message waits because a referral asked for it, with
     * one query (none when referrals are not checked); for {@link #reason(SequenceDefinition, StepDefinition,
     * Contact, boolean)} on a batch.
     */
    @Override
    public java.util.Set<Long> referralFirstAmong(Handle handle, java.util.Collection<Long> enrollmentIds) {
        return referrals == null ? java.util.Set.of() : referrals.approveFirstAmong(handle, enrollmentIds);
    }

    @Override
    public Optional<String> reason(Handle handle, long enrollmentId, SequenceDefinition sequence,
                                   StepDefinition step, Contact contact, boolean referralFirst) {
        return reason(sequence, step, contact, referralFirst);
    }

    /** Like {@link #reason(Handle, long, SequenceDefinition, StepDefinition, Contact)}, the referral read before. */
    public Optional<String> reason(SequenceDefinition sequence, StepDefinition step, Contact contact,
                                   boolean referralFirst) {
        Optional<String> reason = reason(sequence, step, contact);
        return reason.isEmpty() && referralFirst && step.number() == 1 ? Optional.of(REFERRAL_FIRST) : reason;
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
