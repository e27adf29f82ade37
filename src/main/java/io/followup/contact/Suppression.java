package io.followup.contact;

import java.time.Instant;

/**
 * One entry of the do-not-contact list: an address ({@code ann@example.com}) or a whole domain
 * ({@code @example.com}, which also covers its subdomains). Immutable and thread-safe.
 *
 * @param entry     the lower-cased address, or {@code @} followed by the lower-cased domain
 * @param reason    why (e.g. {@code unsubscribed}, {@code hard bounce}, {@code by hand})
 * @param source    who added it (e.g. {@code cli}, {@code one-click unsubscribe}, {@code inbound #12})
 * @param createdAt when it was added
 */
public record Suppression(String entry, String reason, String source, Instant createdAt) {

    /** Whether this entry covers a whole domain. */
    public boolean isDomain() {
        return entry.startsWith("@");
    }

    /** {@code "domain example.com, reason unsubscribed"} or {@code "address, reason unsubscribed"}. */
    public String describe() {
        return (isDomain() ? "domain " + entry.substring(1) : "address") + ", reason " + reason;
    }
}
