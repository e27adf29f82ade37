package io.followup.digest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Adds up the {@link OutcomeCounts} of one group while {@link Outcomes} reads a week. Not thread-safe. */
final class Tally {

    int sent;
    int replies;
    int repliedMessages;
    int interested;
    int notInterested;
    int referrals;
    int autoReplies;
    int hardBounces;
    int softBounces;
    int unsubscribes;
    int complaints;
    int escalations;
    int completed;
    final List<Duration> firstReplies = new ArrayList<>();

    OutcomeCounts counts() {
        return new OutcomeCounts(sent, replies, repliedMessages, median(firstReplies), interested, notInterested,
                referrals, autoReplies, hardBounces, softBounces, unsubscribes, complaints, escalations, completed);
    }

    /** The median; for an even count, the mean of the two middle values (to the millisecond, rounded down). */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return Duration.ofMillis(Math.floorDiv(sorted.get(middle - 1).toMillis() + sorted.get(middle).toMillis(), 2));
    }
}
