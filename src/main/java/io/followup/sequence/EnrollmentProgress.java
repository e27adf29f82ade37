package io.followup.sequence;

import java.time.Instant;
import java.util.function.Function;

/**
 * Where an enrollment stands, in words, the same in the web UI and in {@code followup status}: the step ("2 of 3",
 * "all 3 sent") and what happens next ("due 2026-03-04 09:00", "paused until resumed by hand", "ended"). A paused,
 * held or finished enrollment is never shown as due, and a finished one never as "step 4 of 3".
 */
public final class EnrollmentProgress {

    private EnrollmentProgress() {
    }

    /** The step part: {@code "2 of 3"}; {@code "all 3 sent"} once past the last step. */
    public static String step(int nextStep, int stepCount) {
        return nextStep > stepCount ? "all " + stepCount + " sent" : nextStep + " of " + stepCount;
    }

    /**
     * What happens next, with instants written by {@code time}.
     *
     * @param state     the stored state ({@code active}, {@code paused}...)
     * @param nextDueAt when the next step (or the completion after the last) is due; null when nothing is scheduled
     * @param resumeAt  when a paused enrollment resumes; null for "by hand"
     */
    public static String next(String state, int nextStep, int stepCount, Instant nextDueAt, Instant resumeAt,
                              Function<Instant, String> time) {
        return switch (EnrollmentState.ofDb(state)) {
            case ACTIVE -> nextDueAt == null ? "waiting for step " + Math.min(nextStep, stepCount)
                    + "'s message to be sent"
                    : nextStep > stepCount ? "completes " + time.apply(nextDueAt) + " without a reply"
                    : "due " + time.apply(nextDueAt);
            case PAUSED -> resumeAt == null ? "paused until resumed by hand" : "paused until " + time.apply(resumeAt);
            case HELD -> "held: waits for a decision";
            case STOPPED, COMPLETED, FAILED -> "ended";
        };
    }
}
