package io.followup.testing;

import io.followup.app.Daemon;

/**
 * Runs a daemon's outgoing chores (dispatch due steps, send the outbox) in the test's thread until there is no
 * more work, so that a test can assert that something did NOT happen without sleeping and hoping the scheduled
 * chores have run by then. The scheduled chores may run at the same time: the claims make that safe.
 */
public final class Chores {

    private static final int BATCH = 1_000;
    private static final int MAX_ROUNDS = 20;

    private Chores() {
    }

    /**
     * Dispatches every due step and sends every sendable message of {@code daemon}, now (at most a few rounds: an
     * enrollment that stays due without progress, a held draft say, does not keep it going).
     */
    public static void drain(Daemon daemon) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int drafted = daemon.dispatcher().dispatchDue(BATCH);
            int sent = daemon.sender().sendDue(BATCH);
            if (drafted == 0 && sent == 0) {
                return;
            }
        }
    }
}
