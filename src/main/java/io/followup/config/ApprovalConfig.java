package io.followup.config;

import java.util.Set;

/**
 * Who needs a person's approval before anything is sent to them (YAML {@code approval: {tiers: [1]}}). Steps and
 * sequences can require approval too ({@code approval: true} in the sequence file). Immutable and thread-safe.
 *
 * @param tiers contacts of these tiers always get drafts for review instead of automatic sends (default: none)
 */
public record ApprovalConfig(Set<Integer> tiers) {

    /** No tier needs approval. */
    public static final ApprovalConfig NONE = new ApprovalConfig(Set.of());

    public ApprovalConfig {
        tiers = Set.copyOf(tiers);
    }
}
