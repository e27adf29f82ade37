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
 * @param approval      whether every draft of this sequence waits for a person's approval (YAML {@code approval},
 *                      default false)
 */
public record SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
        Wait afterLastStep, boolean approval) {

    public SequenceDefinition {
        steps = List.copyOf(steps);
    }

    /** A sequence that needs no approval as a whole. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep) {
        this(name, description, mailbox, steps, afterLastStep, false);
    }
}
