package io.followup.inbound.classify;

import java.util.Objects;

/**
 * One recipient a bounce reports as failed.
 *
 * @param address     the recipient address in lower case, or null when the bounce does not name it
 * @param status      the enhanced status code such as {@code 5.1.1} (reported or inferred), or null
 * @param bounceClass the coarse reason
 * @param hard        true when the address itself failed permanently and should not be mailed again
 */
public record FailedRecipient(String address, String status, BounceClass bounceClass, boolean hard) {

    public FailedRecipient {
        Objects.requireNonNull(bounceClass, "bounceClass");
    }
}
