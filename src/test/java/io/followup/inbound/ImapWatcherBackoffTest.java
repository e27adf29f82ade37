package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.config.ImapConfig;
import io.followup.config.Secret;
import io.followup.config.Security;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The watcher's reconnect backoff: the first delay doubled per failure in a row, at most five minutes. */
class ImapWatcherBackoffTest {

    @Test
    void configuredMailboxesStartAtOneSecondAndDoubleUpToFiveMinutes() {
        Duration first = new ImapConfig("imap.example.org", 993, Security.SSL, "u", Secret.NONE, "INBOX", true,
                Duration.ofMinutes(1), Duration.ofSeconds(30), "").reconnectDelay();

        assertThat(first).isEqualTo(Duration.ofSeconds(1));
        assertThat(ImapWatcher.backoff(first, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ImapWatcher.backoff(first, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ImapWatcher.backoff(first, 5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ImapWatcher.backoff(first, 9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(ImapWatcher.backoff(first, 10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ImapWatcher.backoff(first, 1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aShorterFirstDelayDoublesTheSameWay() {
        Duration first = Duration.ofMillis(100);

        assertThat(ImapWatcher.backoff(first, 1)).isEqualTo(Duration.ofMillis(100));
        assertThat(ImapWatcher.backoff(first, 4)).isEqualTo(Duration.ofMillis(800));
        assertThat(ImapWatcher.backoff(first, 1_000)).isEqualTo(Duration.ofMillis(51_200));
    }
}
