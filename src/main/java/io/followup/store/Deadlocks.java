package io.followup.store;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Recognises a transaction the database rolled back to break a deadlock (SQLState 40001: H2, and MariaDB's error
 * 1213) and runs a short transaction again when that happened. Only for transactions that are safe to repeat as a
 * whole: the database undid all of it.
 */
public final class Deadlocks {

    /** How often a transaction is tried in all. */
    public static final int ATTEMPTS = 3;

    private Deadlocks() {
    }

    /** True when {@code failure} or one of its causes is a deadlock the database broke by rolling back. */
    public static boolean victim(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code transaction}, again (up to {@link #ATTEMPTS} in all) when it was a deadlock's victim. */
    public static <T> T retried(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !victim(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
