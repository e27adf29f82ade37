package io.followup.sequence.timing;

import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A dry run of a sequence's timing for one recipient, from the configuration alone: step 1 falls due at the start
 * plus its wait, moved into the send window; each next step at the previous step's time plus its wait (business
 * days in the sequence's calendar), moved into the window. Assumes every step is sent when due and nobody answers.
 * Thread-safe when the planner is.
 */
public final class SchedulePlan {

    /** One planned step, with its time in the recipient's zone. */
    public record PlannedStep(int step, String template, ZonedDateTime at) {
    }

    private final TimingPlanner planner;

    public SchedulePlan(TimingPlanner planner) {
        this.planner = planner;
    }

    /**
     * Plans every step of {@code sequence} for a recipient in {@code zone} enrolled at {@code start}.
     *
     * @param jitter whether to apply the sequence's jitter (off: each time is the earliest allowed one)
     */
    public List<PlannedStep> plan(SequenceDefinition sequence, ZoneId zone, Instant start, boolean jitter) {
        SequenceTiming timing = sequence.timing();
        SequenceTiming applied = new SequenceTiming(timing.window(), timing.calendar(), jitter && timing.jitter());
        List<PlannedStep> steps = new ArrayList<>();
        Instant previous = start;
        for (StepDefinition step : sequence.steps()) {
            Instant at = planner.due(applied, step.delay(), previous, zone);
            steps.add(new PlannedStep(step.number(), step.label(), at.atZone(zone)));
            previous = at;
        }
        return steps;
    }
}
