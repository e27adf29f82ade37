package io.followup.demo;

import java.time.Duration;

/**
 * A demo actor's background loop: runs its round on a daemon thread, pausing between rounds, until stopped. One
 * instance per actor; {@link #start()} and {@link #stop} from the demo's thread.
 */
final class PollingLoop {

    private final String name;
    private final Duration pause;
    private final Runnable round;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name  the thread's name
     * @param pause the wait between rounds
     * @param round one pass of the actor
     */
    PollingLoop(String name, Duration pause, Runnable round) {
        this.name = name;
        this.pause = pause;
        this.round = round;
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the loop to end and waits for its round in progress, at most {@code patience}. */
    void stop(Duration patience) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(patience.toMillis());
        }
    }

    private void loop() {
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
