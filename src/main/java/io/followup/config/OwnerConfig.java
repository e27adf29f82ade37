package io.followup.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A person on whose behalf followup writes: mailboxes belong to an owner, digests go to the
 * owner. Immutable and thread-safe.
 *
 * @param name     the owner's name
 * @param email    the owner's email address
 * @param timeZone the owner's time zone (UTC when not configured)
 */
public record OwnerConfig(String name, String email, ZoneId timeZone) {

    /**
     * The owner of {@code mailbox} among {@code owners}: the one whose address is the mailbox's {@code owner} (any
     * case), else the first one; empty when there is no owner at all.
     */
    public static Optional<OwnerConfig> ofMailbox(List<OwnerConfig> owners, MailboxConfig mailbox) {
        return owners.stream().filter(owner -> owner.email().equalsIgnoreCase(String.valueOf(mailbox.owner())))
                .findFirst().or(() -> owners.stream().findFirst());
    }
}
