package io.followup.config;

import java.time.Duration;

/**
 * The Quartz scheduler. Immutable and thread-safe.
 *
 * @param name             the scheduler name, the same on every node of a cluster
 * @param clustered        whether several daemons share one MariaDB database
 * @param dispatchInterval how often due steps are dispatched
 * @param outboxInterval   how often the outbox is sent
 */
public record SchedulerConfig(String name, boolean clustered, Duration dispatchInterval, Duration outboxInterval) {

    /** The defaults: {@code followup}, not clustered, dispatch every 15 s, outbox every 5 s. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig("followup", false, Duration.ofSeconds(15), Duration.ofSeconds(5));
    }
}
