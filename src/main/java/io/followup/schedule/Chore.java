package io.followup.schedule;

/** A recurring piece of work the scheduler runs: dispatch due steps, send the outbox, recover. */
@FunctionalInterface
public interface Chore {

    /** Runs once; returns how many items it handled (for logging). */
    int run();
}
