package io.followup.response;

import io.followup.sequence.Enrollment;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Sends the owner of an enrollment's mailbox a notice (through the outbox), in the caller's transaction. */
@FunctionalInterface
public interface OwnerNotifier {

    /**
     * @param key makes the notice unique (one notice per key, ever)
     */
    void notifyOwner(Handle handle, Enrollment enrollment, String key, String subject, String text, Instant now);
}
