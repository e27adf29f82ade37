package io.followup.digest;

import io.followup.schedule.Chore;

/**
 * The digest chore for the scheduler: every run asks {@link DigestService#sendDue()} whether an owner's digest has
 * come due (by the injected clock, so the demo's accelerated clock works too). Thread-safe.
 */
public final class DigestJob implements Chore {

    private final DigestService digests;

    public DigestJob(DigestService digests) {
        this.digests = digests;
    }

    @Override
    public int run() {
        return digests.sendDue();
    }
}
