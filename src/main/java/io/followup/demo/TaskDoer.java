package io.followup.demo;

import io.followup.task.TaskException;
import io.followup.task.TaskService;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the owner doing their tasks in the demo: a task (a LinkedIn connection step, a call) is marked done some
 * simulated hours after it fell due, so the sequence it belongs to carries on. One thread; {@link #start()} and
 * {@link #stop()} from the demo's thread.
 */
final class TaskDoer {

    private static final Logger log = LoggerFactory.getLogger(TaskDoer.class);
    /** How long after a task falls due the simulated owner gets to it. */
    private static final Duration AFTER = Duration.ofHours(5);

    private final TaskService tasks;
    private final Clock clock;
    private final PollingLoop loop = new PollingLoop("demo-owner-tasks", Duration.ofMillis(150), this::doDueTasks);

    TaskDoer(TaskService tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    void start() {
        loop.start();
    }

    void stop() throws InterruptedException {
        loop.stop(Duration.ofSeconds(2));
    }

    private void doDueTasks() {
        for (TaskService.Listed listed : tasks.list(false, 50)) {
            if (listed.task().dueAt().plus(AFTER).isBefore(clock.instant())) {
                try {
                    tasks.done(listed.task().id(), "demo: you did it");
                } catch (TaskException closedMeanwhile) {
                    log.debug("demo task #{}: {}", listed.task().id(), closedMeanwhile.getMessage());
                }
            }
        }
    }
}
