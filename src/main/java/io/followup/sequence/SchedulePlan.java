package io.followup.sequence;

import io.followup.sequence.timing.SequenceTiming;
import io.followup.sequence.timing.TimingPlanner;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A dry run of a sequence's timing for one recipient, from the configuration alone: step 1 falls due at the start
 * plus its wait, moved into the send window; each next step at the previous step's time plus its wait (business
 * days in the sequence's calendar), moved into the window. Step 1 keeps the sequence's first-touch promise as the
 * enrolment does ({@link FirstTouchPlan}): in the window, in its edge hours, or drafted at once for approval (then
 * assumed approved at once). Assumes every step is sent when due and nobody answers. Thread-safe when the planner
 * is.
 */
public final class SchedulePlan {

    /**
     * One planned step, with its time in the recipient's zone.
     *
     * @param firstTouch how step 1 keeps the first-touch promise; null for the other steps and without a promise
     * @param reason     why the send window alone would break the promise, or null
     */
    public record PlannedStep(int step, String template, ZonedDateTime at, FirstTouchPlan.Mode firstTouch,
                              String reason) {
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
            PlannedStep planned;
            if (step.number() == 1) {
                FirstTouchPlan first = FirstTouchPlan.of(sequence.withTiming(applied), step.delay(), start, zone,
                        planner);
                planned = new PlannedStep(1, step.label(), first.due().atZone(zone), first.mode(), first.reason());
            } else {
                planned = new PlannedStep(step.number(), step.label(),
                        planner.due(applied, step.delay(), previous, zone).atZone(zone), null, null);
            }
            steps.add(planned);
            previous = planned.at().toInstant();
        }
        return steps;
    }
}
