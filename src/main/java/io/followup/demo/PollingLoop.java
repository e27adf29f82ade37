package io.followup.demo;

import java.time.Duration;

/**
 * A demo actor's background loop: runs its round on a daemon thread, pausing between rounds, until stopped. One
 * instance per actor; {@link #start()} and {@link #stop} from the demo's thread.
 */
final class PollingLoop {

    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param name  the thread's name
     * @param pause the wait between rounds
     * @param round one pass of the actor
     */
    PollingLoop(String name, Duration pause, Runnable round) {
        thread = new Thread(() -> loop(pause, round), name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to end and waits for its round in progress, at most {@code patience}. */
    void stop(Duration patience) throws InterruptedException {
        running = false;
        thread.join(patience.toMillis());
    }

    private void loop(Duration pause, Runnable round) {
        while (running) {
            round.run();
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
