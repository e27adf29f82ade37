package io.followup.sequence;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Told, inside the transaction that completes it, when an enrollment ended after its last attempt without a response. */
@FunctionalInterface
public interface SequenceEndListener {

    /** Does nothing. */
    SequenceEndListener NONE = (handle, enrollment, sequence, now) -> { };

    void endedWithoutResponse(Handle handle, Enrollment enrollment, SequenceDefinition sequence, Instant now);
}
