package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlocksTest {

    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("statement failed", cause);
    }

    @Test
    void aDeadlockVictimIsRecognisedOnH2AndMariaDbButNoOtherFailure() {
        assertThat(Deadlocks.victim(wrapped(new SQLException("Deadlock detected", "40001", 40001)))).isTrue();
        assertThat(Deadlocks.victim(wrapped(new SQLException("Deadlock found when trying to get lock", "40001",
                1213)))).isTrue();
        assertThat(Deadlocks.victim(wrapped(new SQLException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(Deadlocks.victim(wrapped(new SQLException("Lock wait timeout", "HY000", 1205)))).isFalse();
        assertThat(Deadlocks.victim(new IllegalStateException("no SQL at all"))).isFalse();
    }

    @Test
    void aVictimIsTriedAgainAndSucceeds() {
        AtomicInteger tries = new AtomicInteger();
        String result = Deadlocks.retried(() -> {
            if (tries.incrementAndGet() < Deadlocks.ATTEMPTS) {
                throw wrapped(new SQLException("Deadlock", "40001", 1213));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(tries).hasValue(Deadlocks.ATTEMPTS);
    }

    @Test
    void anotherFailureIsNotRetriedAndAPersistentDeadlockGivesUpAfterTheAttempts() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> Deadlocks.retried(() -> {
            tries.incrementAndGet();
            throw wrapped(new SQLException("Duplicate entry", "23000", 1062));
        })).hasRootCauseMessage("Duplicate entry");
        assertThat(tries).hasValue(1);

        tries.set(0);
        assertThatThrownBy(() -> Deadlocks.retried(() -> {
            tries.incrementAndGet();
            throw wrapped(new SQLException("Deadlock", "40001", 1213));
        })).hasRootCauseMessage("Deadlock");
        assertThat(tries).hasValue(Deadlocks.ATTEMPTS);
    }
}
