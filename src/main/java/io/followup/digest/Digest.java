package io.followup.digest;

import io.followup.config.OwnerConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * One owner's weekly digest before rendering: the week's outcomes, the previous week's (for the deltas), what
 * needs the owner as of {@code asOf}, the web UI's address ({@code null} when none is configured), and how the
 * first-touch promises whose deadline fell in the week went. Immutable.
 */
public record Digest(OwnerConfig owner, WeekOutcomes current, WeekOutcomes previous, NeedsYou.Items needs,
                     Instant asOf, String webUrl, FirstTouches firstTouches) {

    /** Without first-touch promises. */
    public Digest(OwnerConfig owner, WeekOutcomes current, WeekOutcomes previous, NeedsYou.Items needs,
                  Instant asOf, String webUrl) {
        this(owner, current, previous, needs, asOf, webUrl, FirstTouches.NONE);
    }

    public Digest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(asOf, "asOf");
        firstTouches = firstTouches == null ? FirstTouches.NONE : firstTouches;
    }

    public IsoWeek week() {
        return current.week();
    }
}
