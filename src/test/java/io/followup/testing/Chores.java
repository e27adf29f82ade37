package io.followup.testing;

import io.followup.app.Daemon;
import java.time.Duration;

/**
 * Runs a daemon's outgoing chores (dispatch due steps, send the outbox) in the test's thread until there is no
 * more work, so that a test can assert that something did NOT happen without sleeping and hoping the scheduled
 * chores have run by then. The scheduled chores may run at the same time: the claims make that safe, and a round
 * that found nothing counts only if no scheduled chore ran meanwhile (a running one holds its rows locked, and
 * the claims skip locked rows, so "nothing found" would otherwise only mean "someone else has it").
 */
public final class Chores {

    private static final int BATCH = 1_000;
    private static final int MAX_WORKING_ROUNDS = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Chores() {
    }

    /**
     * Dispatches every due step and sends every sendable message of {@code daemon}, now (at most a few rounds: an
     * enrollment that stays due without progress, a held draft say, does not keep it going).
     */
    public static void drain(Daemon daemon) {
        settle(daemon, true);
    }

    /** Dispatches every due step of {@code daemon} now, without sending (a started daemon's send chore may). */
    public static void dispatch(Daemon daemon) {
        settle(daemon, false);
    }

    private static void settle(Daemon daemon, boolean send) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int working = 0;
        while (true) {
            long before = daemon.choreActivity();
            int drafted = daemon.dispatcher().dispatchDue(BATCH);
            int sent = send ? daemon.sender().sendDue(BATCH) : 0;
            long after = daemon.choreActivity();
            boolean quiet = before >= 0 && before == after;
            if (drafted > 0 || sent > 0) {
                if (++working >= MAX_WORKING_ROUNDS) {
                    return;
                }
            } else if (quiet) {
                return;
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("the scheduled chores never stopped for long enough to check for work");
            } else {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
