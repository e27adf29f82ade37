package io.followup.digest;

/**
 * The results of one step, template or variant as the web UI's Sequences page shows them, formatted the digest's
 * way from the same {@link OutcomeCounts}. Positive rate: interested replies ÷ sent. Immutable.
 */
public record ResultLine(int sent, int replied, String replyRate, String positiveRate, int bounced,
                         int unsubscribed, String medianReply) {

    /** The line for {@code counts}; {@link OutcomeCounts#NONE} for a group with nothing in the period. */
    public static ResultLine of(OutcomeCounts counts) {
        Integer positive = counts.sent() == 0 ? null : (int) Math.round(100.0 * counts.interested() / counts.sent());
        return new ResultLine(counts.sent(), counts.replies(), Formats.percent(counts.replyRatePercent()),
                Formats.percent(positive), counts.bounces(), counts.unsubscribes(),
                Formats.duration(counts.medianFirstReply()));
    }
}
