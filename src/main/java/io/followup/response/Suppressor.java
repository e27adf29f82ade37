package io.followup.response;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Puts an address on the global do-not-contact list, in the caller's transaction. */
@FunctionalInterface
public interface Suppressor {

    void suppress(Handle handle, String address, String reason, String source, Instant now);
}
