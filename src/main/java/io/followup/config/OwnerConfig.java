package io.followup.config;

import java.time.ZoneId;

/**
 * A person on whose behalf followup writes: mailboxes belong to an owner, digests go to the
 * owner. Immutable and thread-safe.
 *
 * @param name     the owner's name
 * @param email    the owner's email address
 * @param timeZone the owner's time zone (UTC when not configured)
 */
public record OwnerConfig(String name, String email, ZoneId timeZone) {
}
