package io.followup.inbound;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The enrollments {@link MessageMatcher} may tie an inbound message to, as matching sees them. Owned by inbound and
 * implemented by the engine ({@code sequence.EnrollmentThreads}), so that inbound does not read enrollments itself.
 * Implementations are thread-safe; call inside the caller's transaction.
 */
public interface LiveThreads {

    /**
     * One enrollment and its thread.
     *
     * @param threadSubject the subject of its thread, or null before its first message
     */
    record Enrolled(long enrollmentId, long contactId, long mailboxId, Instant enrolledAt, String threadSubject) {
    }

    /** The thread of enrollment {@code enrollmentId}, live or not (it must exist). */
    Enrolled of(Handle handle, long enrollmentId);

    /** The live enrollments of a contact, oldest first. */
    List<Enrolled> liveOfContact(Handle handle, long contactId);

    /** The live enrollments of a mailbox whose thread has this subject key ({@code Subjects.key}), oldest first. */
    List<Enrolled> liveByThreadKey(Handle handle, long mailboxId, String threadKey);
}
