package io.followup.matching;

import io.followup.sequence.Enrollment;
import io.followup.sequence.EnrollmentStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The enrollments {@link MessageMatcher} may tie an inbound message to, as matching sees them, read through
 * {@link EnrollmentStore}. Stateless and thread-safe; call inside the caller's transaction.
 */
public final class EnrollmentThreads {

    /**
     * One enrollment and its thread.
     *
     * @param threadSubject the subject of its thread, or null before its first message
     */
    public record Enrolled(long enrollmentId, long contactId, long mailboxId, Instant enrolledAt,
                           String threadSubject) {
    }

    private final EnrollmentStore enrollments;

    public EnrollmentThreads(EnrollmentStore enrollments) {
        this.enrollments = enrollments;
    }

    /** The thread of enrollment {@code enrollmentId}, live or not (it must exist). */
    public Enrolled of(Handle handle, long enrollmentId) {
        return thread(enrollments.byId(handle, enrollmentId));
    }

    /** The live enrollments of a contact, oldest first. */
    public List<Enrolled> liveOfContact(Handle handle, long contactId) {
        return enrollments.liveOfContact(handle, contactId).stream().map(EnrollmentThreads::thread).toList();
    }

    /** The live enrollments of a mailbox whose thread has this subject key ({@code Subjects.key}), oldest first. */
    public List<Enrolled> liveByThreadKey(Handle handle, long mailboxId, String threadKey) {
        return enrollments.liveByThreadKey(handle, mailboxId, threadKey).stream().map(EnrollmentThreads::thread)
                .toList();
    }

    private static Enrolled thread(Enrollment enrollment) {
        return new Enrolled(enrollment.id(), enrollment.contactId(), enrollment.mailboxId(), enrollment.enrolledAt(),
                enrollment.threadSubject());
    }
}
