package io.followup.sequence;

import io.followup.sequence.timing.Wait;
import java.time.Duration;
import java.util.Objects;

/**
 * Closing the loop with whoever introduced a contact (the sequence file's {@code introducer:} section; it applies
 * to enrolments of contacts that have an introducer). Four items, each one optional (null: off), each drafted once
 * per introduced contact, in this order:
 * <ol>
 *   <li>{@code acknowledge}: thank the introducer for the introduction within {@code acknowledgeWithin} of the
 *       enrolment, kept like the first-touch promise of the sequence (send window, edge hours, else approval);</li>
 *   <li>{@code connected}: "we have connected", when the introduced person first replies (a proven human reply);</li>
 *   <li>{@code reportBack}: a task for the owner to report back to the introducer, some time after the reply;</li>
 *   <li>{@code thankYou}: the thank-you, when the report-back task is done or skipped (after the reply when there is
 *       no report-back task).</li>
 * </ol>
 * Immutable and thread-safe.
 *
 * @param acknowledgeWithin the promise for the acknowledgement (null when there is no acknowledgement)
 */
public record IntroducerLoop(Note acknowledge, Duration acknowledgeWithin, Note connected, ReportBack reportBack,
                             Note thankYou) {

    /** The promise of an acknowledgement when neither the section nor the sequence names one. */
    public static final Duration DEFAULT_WITHIN = Duration.ofHours(24);

    /**
     * A message to the introducer.
     *
     * @param template the template, e.g. {@code introductions/acknowledge}
     * @param delay    how long after its anchor it falls due (the enrolment, the reply, the report-back)
     * @param approval whether its draft waits for the owner's approval (default true)
     */
    public record Note(String template, Wait delay, boolean approval) {
        public Note {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The owner's task to report back to the introducer, due {@code delay} after the introduced person replied. */
    public record ReportBack(EscalationDefinition.Task task, Wait delay) {
        public ReportBack {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(delay, "delay");
        }
    }

    public IntroducerLoop {
        if (acknowledge != null && acknowledgeWithin == null) {
            throw new IllegalArgumentException("an acknowledgement needs its promise (within)");
        }
    }

    /**
     * The loop of sequences without an {@code introducer:} section: only the thank-you, drafted when the introduced
     * person replies (the top-level {@code introductions:} settings of followup.yaml).
     */
    public static IntroducerLoop thankYouOnly(String template, boolean approval) {
        return new IntroducerLoop(null, null, null, null, new Note(template, Wait.NONE, approval));
    }
}
