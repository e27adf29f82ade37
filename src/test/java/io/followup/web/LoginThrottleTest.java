package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ATTACKER = "203.0.113.7";
    private static final String USER_ADDRESS = "198.51.100.20";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void aNameAndAddressAreBlockedAfterTheLimitAndFreeAgainWhenTheLockoutEnds() {
        for (int attempt = 1; attempt < LoginThrottle.PAIR_LIMIT; attempt++) {
            throttle.failed("ada", ATTACKER);
            assertThat(throttle.retryAfter("ada", ATTACKER)).as("attempt " + attempt).isEmpty();
        }
        throttle.failed("ada", ATTACKER);

        assertThat(throttle.retryAfter("ada", ATTACKER)).contains(LoginThrottle.FIRST_LOCKOUT);
        clock.advance(LoginThrottle.FIRST_LOCKOUT);
        assertThat(throttle.retryAfter("ada", ATTACKER)).isEmpty();
    }

    @Test
    void eachFailureAfterALockoutDoublesTheNextOneUpToTheWindow() {
        for (int attempt = 0; attempt < LoginThrottle.PAIR_LIMIT; attempt++) {
            throttle.failed("ada", ATTACKER);
        }
        clock.advance(LoginThrottle.FIRST_LOCKOUT);
        throttle.failed("ada", ATTACKER);
        assertThat(throttle.retryAfter("ada", ATTACKER)).contains(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        throttle.failed("ada", ATTACKER);
        assertThat(throttle.retryAfter("ada", ATTACKER)).contains(Duration.ofSeconds(120));
    }

    @Test
    void aRealUserIsNotLockedOutByAnotherAddresssGuesses() {
        for (int attempt = 0; attempt < LoginThrottle.PAIR_LIMIT; attempt++) {
            throttle.failed("ada", ATTACKER);
        }

        assertThat(throttle.retryAfter("ada", ATTACKER)).isPresent();
        assertThat(throttle.retryAfter("ada", USER_ADDRESS)).isEmpty();
    }

    @Test
    void oneAddressGuessingManyNamesIsBlockedUntilTheWindowEnds() {
        for (int attempt = 0; attempt < LoginThrottle.ADDRESS_LIMIT; attempt++) {
            throttle.failed("name" + attempt, ATTACKER);
        }

        assertThat(throttle.retryAfter("someone-else", ATTACKER)).contains(LoginThrottle.WINDOW);
        clock.advance(LoginThrottle.WINDOW);
        assertThat(throttle.retryAfter("someone-else", ATTACKER)).isEmpty();
    }

    @Test
    void guessesAtOneNameFromManyAddressesBlockItForAMinuteOnly() {
        for (int attempt = 0; attempt < LoginThrottle.NAME_LIMIT; attempt++) {
            throttle.failed("ada", "192.0.2." + attempt);
        }

        assertThat(throttle.retryAfter("ada", USER_ADDRESS)).contains(LoginThrottle.NAME_LOCKOUT);
        clock.advance(LoginThrottle.NAME_LOCKOUT);
        assertThat(throttle.retryAfter("ada", USER_ADDRESS)).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheFailuresOfThatNameFromThatAddress() {
        for (int attempt = 1; attempt < LoginThrottle.PAIR_LIMIT; attempt++) {
            throttle.failed("ada", USER_ADDRESS);
        }
        throttle.succeeded("ada", USER_ADDRESS);
        throttle.failed("ada", USER_ADDRESS);

        assertThat(throttle.retryAfter("ada", USER_ADDRESS)).isEmpty();
    }
}
