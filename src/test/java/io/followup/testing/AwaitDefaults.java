package io.followup.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How every test awaits a condition, registered for all test classes (JUnit's extension auto-detection, see
 * {@code junit-platform.properties}): the condition is checked at once, then after 10, 20, 40, 80 ms and every 100
 * ms from then on. Awaitility's own default waits 100 ms before the first check and between checks, which cost
 * each await up to 100 ms after its condition already held (several hundred awaits per run of the suite). What
 * each test awaits and how long it is given ({@code atMost}) are unchanged.
 */
public final class AwaitDefaults implements BeforeAllCallback {

    private static final Duration FIRST = Duration.ofMillis(10);
    private static final Duration MOST = Duration.ofMillis(100);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(new IterativePollInterval(
                previous -> previous.multipliedBy(2).compareTo(MOST) > 0 ? MOST : previous.multipliedBy(2), FIRST));
    }
}
