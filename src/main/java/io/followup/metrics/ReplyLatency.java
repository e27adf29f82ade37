package io.followup.metrics;

import io.followup.response.ResponseListener;
import io.followup.response.ReplyStop;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Times reply → action: from a reply's {@code Date} to the moment it stopped its enrollment
 * ({@code followup_reply_action_seconds}). The Date is the sender's clock, so a negative span counts as 0.
 * Thread-safe.
 */
final class ReplyLatency implements ResponseListener {

    private final Timer timer;

    ReplyLatency(Timer timer) {
        this.timer = timer;
    }

    @Override
    public void replyStopped(Handle handle, ReplyStop stopped, Instant now) {
        Instant sent = stopped.reply().analysis().date();
        if (sent != null) {
            timer.record(Duration.ofMillis(Math.max(0, now.toEpochMilli() - sent.toEpochMilli())));
        }
    }
}
