package io.followup.sequence;

import io.followup.sequence.timing.SequenceTiming;
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
 * @param timing        send window, business calendar and jitter
 */
public record SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
        Wait afterLastStep, SequenceTiming timing) {

    public SequenceDefinition {
        steps = List.copyOf(steps);
        timing = timing == null ? SequenceTiming.UNRESTRICTED : timing;
    }

    /** A sequence without timing rules ({@link SequenceTiming#UNRESTRICTED}): for sequences built in code. */
    public SequenceDefinition(String name, String description, String mailbox, List<StepDefinition> steps,
                              Wait afterLastStep) {
        this(name, description, mailbox, steps, afterLastStep, SequenceTiming.UNRESTRICTED);
    }
}
