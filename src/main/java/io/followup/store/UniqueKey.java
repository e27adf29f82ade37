package io.followup.store;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Recognises the violation of a unique (or primary) key, the way a concurrent first INSERT loses its race, on every
 * database followup runs on: SQLState 23505 (H2 and the SQL standard) or MariaDB's error 1062 (whose SQLState is
 * the generic 23000, shared with foreign-key and NOT NULL violations, which are not races and must not be taken
 * for one).
 */
public final class UniqueKey {

    private UniqueKey() {
    }

    /**
     * Runs {@code insert} and returns what it says (whether it inserted); false as well when it lost a race on a
     * unique key (another transaction inserted the same key first). Any other failure is thrown as it is. A caller
     * that goes on in the same transaction after losing should insert under a savepoint and roll back to it.
     */
    public static boolean inserted(BooleanSupplier insert) {
        try {
            return insert.getAsBoolean();
        } catch (RuntimeException failure) {
            if (violated(failure)) {
                return false;
            }
            throw failure;
        }
    }

    /** True when {@code failure} or one of its causes is a unique-key violation. */
    public static boolean violated(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062)) {
                return true;
            }
        }
        return false;
    }
}
