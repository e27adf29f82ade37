package io.followup.digest;

import java.time.Duration;

/**
 * The outcome numbers of one week, for everything or for one sequence, step or template. See {@link Outcomes} for
 * exactly what each number counts. Immutable and thread-safe.
 *
 * @param sent                     sequence steps sent in the week
 * @param replies                  human replies received in the week
 * @param repliedMessages          of the steps sent in the week, how many got a human reply within the week
 * @param medianFirstReply         median time from an enrollment's first sent step to its first human reply, over
 *                                 enrollments whose first reply came in the week; null when there is none
 * @param interested               human replies of the week classified interested
 * @param notInterested            ... not interested
 * @param referrals                ... referral (names someone else)
 * @param autoReplies              auto-replies (out of office...) received in the week
 * @param hardBounces              bounces received in the week that were not retried as soft bounces
 * @param softBounces              bounces received in the week handled as soft (retried, or retries exhausted)
 * @param unsubscribes             one-click unsubscribes plus replies asking to unsubscribe, in the week
 * @param complaints               abuse complaints (ARF) received in the week
 * @param escalations              sequences escalated in the week (silence after the last step)
 * @param completedWithoutResponse sequences that ended in the week with no response
 */
public record OutcomeCounts(int sent, int replies, int repliedMessages, Duration medianFirstReply, int interested,
                            int notInterested, int referrals, int autoReplies, int hardBounces, int softBounces,
                            int unsubscribes, int complaints, int escalations, int completedWithoutResponse) {

    public static final OutcomeCounts NONE = new OutcomeCounts(0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** {@code repliedMessages / sent}, from 0 to 1; null when nothing was sent. */
    public Double replyRate() {
        return sent == 0 ? null : (double) repliedMessages / sent;
    }

    /** The reply rate in whole percent (half up), or null when nothing was sent. */
    public Integer replyRatePercent() {
        return sent == 0 ? null : (int) Math.round(100.0 * repliedMessages / sent);
    }

    /** Bounces of both kinds. */
    public int bounces() {
        return hardBounces + softBounces;
    }
}
