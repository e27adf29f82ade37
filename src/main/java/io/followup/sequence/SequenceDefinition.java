package io.followup.sequence;

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
 */
public record SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
        Wait afterLastStep, int maxAttempts, EscalationDefinition escalation, boolean approval) {

    public SequenceDefinition {
        steps = List.copyOf(steps);
        if (maxAttempts < 1 || maxAttempts > steps.size()) {
            throw new IllegalArgumentException("max_attempts must be 1.." + steps.size() + ", got " + maxAttempts);
        }
    }

    /** A sequence that sends all its steps, does not escalate and needs no approval as a whole. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep) {
        this(name, description, mailbox, steps, afterLastStep, steps.size(), null, false);
    }

    /** A sequence that sends all its steps and does not escalate. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, boolean approval) {
        this(name, description, mailbox, steps, afterLastStep, steps.size(), null, approval);
    }

    /** A sequence that needs no approval as a whole. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep, int maxAttempts, EscalationDefinition escalation) {
        this(name, description, mailbox, steps, afterLastStep, maxAttempts, escalation, false);
    }

    /** The number of the last step that is sent: the smaller of the step count and {@code maxAttempts}. */
    public int lastStep() {
        return Math.min(steps.size(), maxAttempts);
    }
}
