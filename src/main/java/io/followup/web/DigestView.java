package io.followup.web;

import java.util.Optional;

/** Where the {@code /digest} page gets the latest digest of an owner from. Implementations are thread-safe. */
public interface DigestView {

    /** The latest digest's HTML for this owner, or empty when there is none yet. */
    Optional<String> latestHtml(String ownerEmail);

    /** No digest source: the page says "No digest yet". */
    static DigestView none() {
        return ownerEmail -> Optional.empty();
    }
}
