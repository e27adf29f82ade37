package io.followup.config;

import java.util.List;
import java.util.Locale;

/**
 * How a mailbox proves that inbound mail concerns what followup sent (YAML keys on the mailbox). Immutable and
 * thread-safe.
 *
 * @param verp               give every outgoing message a signed return address ({@code local+b-TOKEN@domain},
 *                           see {@code io.followup.outbox.VerpAddresses}) so that bounces to it are proven; off by
 *                           default because not every server delivers plus-addresses to the base mailbox
 *                           (YAML {@code verp})
 * @param bounceAddress      the base of those return addresses (YAML {@code bounce_address}); null: the mailbox's
 *                           own address. Bounces to it must arrive in the watched mailbox.
 * @param trustedAuthservIds the {@code authserv-id}s of the receiving servers whose {@code Authentication-Results}
 *                           are believed (YAML {@code trusted_authserv_ids}), lower case; empty: none are read
 */
public record ProofConfig(boolean verp, String bounceAddress, List<String> trustedAuthservIds) {

    /** VERP off, no trusted Authentication-Results. */
    public static final ProofConfig DEFAULTS = new ProofConfig(false, null, List.of());

    public ProofConfig {
        trustedAuthservIds = trustedAuthservIds.stream().map(id -> id.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** The base of VERP return addresses for a mailbox sending from {@code mailboxAddress}. */
    public String verpBase(String mailboxAddress) {
        return bounceAddress != null ? bounceAddress : mailboxAddress;
    }
}
