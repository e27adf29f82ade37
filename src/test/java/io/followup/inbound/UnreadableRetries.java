package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.testing.TestDaemon;
import java.time.Duration;

/** The bounded retries of a message the watcher could not read or process, as two integration tests drive them. */
final class UnreadableRetries {

    private UnreadableRetries() {
    }

    /**
     * Waits until one message is recorded as unreadable, moves the test's clock two hours (past the retry delay) for
     * each further attempt and waits for it, up to {@link UnreadableRetry#DEFAULT}'s last; then checks the message was
     * given up on and that this was logged once. Each wait is at most {@code patience}.
     */
    static void awaitGivingUp(TestDaemon followup, Duration patience) {
        await().atMost(patience).until(() -> followup.count("SELECT COUNT(*) FROM inbound_unreadable") == 1);

        for (int attempt = 2; attempt <= UnreadableRetry.DEFAULT.maxAttempts(); attempt++) {
            followup.clock().advance(Duration.ofHours(2));
            int expected = attempt;
            await().atMost(patience).until(() -> followup.count("SELECT attempts FROM inbound_unreadable") == expected);
        }

        assertThat(followup.count("SELECT COUNT(*) FROM inbound_unreadable WHERE state = 'gave_up'")).isEqualTo(1);
        assertThat(followup.count("SELECT COUNT(*) FROM event_log WHERE event = 'inbound_unreadable_gave_up'"))
                .isEqualTo(1);
    }
}
