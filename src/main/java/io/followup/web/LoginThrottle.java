package io.followup.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing at the login form. Failed logins are counted in a window ({@link #WINDOW}) under three
 * keys, and each key that reaches its limit blocks further attempts (answered 429 with {@code Retry-After}, before
 * any bcrypt work):
 * <ul>
 *   <li>name and client address: {@value #PAIR_LIMIT} failures, then a lockout that doubles with every further
 *       failure, from 30 seconds up to the window; a successful login clears it;</li>
 *   <li>client address, whatever the name: {@value #ADDRESS_LIMIT} failures, blocked until the window ends;</li>
 *   <li>name, from all addresses: a softer limit of {@value #NAME_LIMIT} failures, blocked for one minute only,
 *       so that someone guessing from many addresses slows down without locking the real user out for long
 *       (guesses from one address alone are stopped by the two limits above long before).</li>
 * </ul>
 * Behind a reverse proxy every client has the proxy's address: the address limits then apply to everybody.
 * Memory is bounded ({@value #MAX_ENTRIES} keys; expired ones are dropped first). Thread-safe.
 */
final class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PAIR_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static final int NAME_LIMIT = 50;
    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
    static final Duration NAME_LOCKOUT = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 10_000;

    /** Failures under one key since {@code since}, and until when the key is blocked. */
    private record Count(Instant since, int failures, Instant blockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this name and address must wait before trying again; empty when they may try now. */
    Optional<Duration> retryAfter(String name, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(name, address)) {
            Count count = counts.get(key);
            if (count != null && count.blockedUntil() != null && count.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, count.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed login of {@code name} from {@code address}. */
    void failed(String name, String address) {
        Instant now = clock.instant();
        if (counts.size() >= MAX_ENTRIES) {
            prune(now);
        }
        String[] keys = keys(name, address);
        counts.compute(keys[0], (key, count) -> add(count, now, PAIR_LIMIT, null));
        counts.compute(keys[1], (key, count) -> add(count, now, ADDRESS_LIMIT, WINDOW));
        counts.compute(keys[2], (key, count) -> add(count, now, NAME_LIMIT, NAME_LOCKOUT));
    }

    /** A successful login clears the failures of this name from this address. */
    void succeeded(String name, String address) {
        counts.remove(keys(name, address)[0]);
    }

    private static Count add(Count count, Instant now, int limit, Duration lockout) {
        Count current = count == null || !count.since().plus(WINDOW).isAfter(now) ? new Count(now, 0, null) : count;
        int failures = current.failures() + 1;
        if (failures < limit) {
            return new Count(current.since(), failures, current.blockedUntil());
        }
        Duration block = lockout != null ? lockout : escalating(failures - limit);
        return new Count(current.since(), failures, now.plus(block));
    }

    /** 30 s for the failure that reaches the limit, doubled for each one after it, at most the window. */
    private static Duration escalating(int beyondLimit) {
        Duration block = FIRST_LOCKOUT.multipliedBy(1L << Math.min(beyondLimit, 10));
        return block.compareTo(WINDOW) > 0 ? WINDOW : block;
    }

    private void prune(Instant now) {
        counts.entrySet().removeIf(entry -> !entry.getValue().since().plus(WINDOW).isAfter(now)
                && (entry.getValue().blockedUntil() == null || !entry.getValue().blockedUntil().isAfter(now)));
        var iterator = counts.keySet().iterator();
        while (counts.size() >= MAX_ENTRIES && iterator.hasNext()) {
            iterator.next();
            iterator.remove();
        }
    }

    private static String[] keys(String name, String address) {
        String user = name.toLowerCase(Locale.ROOT);
        return new String[] {"pair:" + user + "\n" + address, "address:" + address, "name:" + user};
    }
}
