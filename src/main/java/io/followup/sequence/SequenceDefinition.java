package io.followup.sequence;

import io.followup.config.UnsubscribeMode;
import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.Wait;
import java.util.List;

/**
 * A sequence as configured in {@code config/sequences/<name>.yaml}. Immutable and thread-safe.
 *
 * @param name          the sequence name, equal to the file name without {@code .yaml}
 * @param description   what the sequence is for (may be empty)
 * @param mailbox       the name of the mailbox it sends from
 * @param steps         1..20 steps, numbered from 1
 * @param afterLastStep the grace for a reply after the last step; then the enrollment completes
 *                      without response
 * @param maxAttempts   how many steps are sent at most ("three strikes"), 1..steps; steps beyond it are not sent
 * @param escalation    what happens when the sequence ends without a response, or null for nothing
 * @param approval      whether every draft of this sequence waits for a person's approval (YAML {@code approval},
 *                      default false)
 * @param timing        send window, business calendar and jitter
 * @param responses     what replies, auto-replies, bounces and complaints do (YAML {@code responses})
 * @param unsubscribe   personal or bulk mail (YAML {@code unsubscribe: header | link | none}); null when the file
 *                      does not say, and then the global {@code unsubscribe.default} applies (see
 *                      {@link #unsubscribeOr})
 * @param firstTouch    the promise of a first message within a time (YAML {@code first_touch_within},
 *                      {@code allow_outside_window_for_first_touch}); {@link FirstTouchPromise#OFF} when null
 * @param introducer    closing the loop with the introducer of a contact who has one (YAML {@code introducer}), or
 *                      null when the file has no such section (then only the top-level {@code introductions:}
 *                      thank-you applies)
 */
public record SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
        Wait afterLastStep, int maxAttempts, EscalationDefinition escalation, boolean approval,
        SequenceTiming timing, ResponseRules responses, UnsubscribeMode unsubscribe, FirstTouchPromise firstTouch,
        IntroducerLoop introducer) {

    public SequenceDefinition {
        steps = List.copyOf(steps);
        firstTouch = firstTouch == null ? FirstTouchPromise.OFF : firstTouch;
        if (maxAttempts < 1 || maxAttempts > steps.size()) {
            throw new IllegalArgumentException("max_attempts must be 1.." + steps.size() + ", got " + maxAttempts);
        }
        timing = timing == null ? SequenceTiming.UNRESTRICTED : timing;
        responses = responses == null ? ResponseRules.DEFAULTS : responses;
    }

    /** Like the canonical constructor, without an introducer's loop. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, int maxAttempts, EscalationDefinition escalation, boolean approval,
                              SequenceTiming timing, ResponseRules responses, UnsubscribeMode unsubscribe,
                              FirstTouchPromise firstTouch) {
        this(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation, approval, timing, responses,
                unsubscribe, firstTouch, null);
    }

    /** Like the canonical constructor, without a first-touch promise. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, int maxAttempts, EscalationDefinition escalation, boolean approval,
                              SequenceTiming timing, ResponseRules responses, UnsubscribeMode unsubscribe) {
        this(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation, approval, timing, responses,
                unsubscribe, null);
    }

    /** Like the canonical constructor, leaving the unsubscribe choice to the global default. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, int maxAttempts, EscalationDefinition escalation, boolean approval,
                              SequenceTiming timing, ResponseRules responses) {
        this(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation, approval, timing, responses,
                null);
    }

    /**
     * A sequence built in code: all steps are sent, no escalation, no approval, no timing rules
     * ({@link SequenceTiming#UNRESTRICTED}), the default responses.
     */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep) {
        this(name, description, mailbox, steps, afterLastStep, steps.size(), null, false, null, null);
    }

    /** Like the five-argument constructor, with or without approval of every draft. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, boolean approval) {
        this(name, description, mailbox, steps, afterLastStep, steps.size(), null, approval, null, null);
    }

    /** Like the five-argument constructor, with attempts and escalation. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, int maxAttempts, EscalationDefinition escalation) {
        this(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation, false, null, null);
    }

    /** Like the five-argument constructor, with timing rules. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, SequenceTiming timing) {
        this(name, description, mailbox, steps, afterLastStep, steps.size(), null, false, timing, null);
    }

    /** This sequence's unsubscribe choice, or {@code globalDefault} when the sequence does not make one. */
    public UnsubscribeMode unsubscribeOr(UnsubscribeMode globalDefault) {
        return unsubscribe != null ? unsubscribe : globalDefault;
    }

    /** This sequence with another unsubscribe choice (null: the global default). */
    public SequenceDefinition withUnsubscribe(UnsubscribeMode mode) {
        return new SequenceDefinition(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation,
                approval, timing, responses, mode, firstTouch, introducer);
    }

    /** This sequence with another first-touch promise. */
    public SequenceDefinition withFirstTouch(FirstTouchPromise promise) {
        return new SequenceDefinition(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation,
                approval, timing, responses, unsubscribe, promise, introducer);
    }

    /** This sequence with other timing rules (e.g. without jitter, for a dry run). */
    public SequenceDefinition withTiming(SequenceTiming newTiming) {
        return new SequenceDefinition(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation,
                approval, newTiming, responses, unsubscribe, firstTouch, introducer);
    }

    /** This sequence with another introducer's loop (null: none). */
    public SequenceDefinition withIntroducer(IntroducerLoop loop) {
        return new SequenceDefinition(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation,
                approval, timing, responses, unsubscribe, firstTouch, loop);
    }

    /** The number of the last step that is sent: the smaller of the step count and {@code maxAttempts}. */
    public int lastStep() {
        return Math.min(steps.size(), maxAttempts);
    }
}
