package io.followup.sequence;

import io.followup.inbound.LiveThreads;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The enrollments as inbound matching sees them, read through {@link EnrollmentStore}. Enrolled-safe. */
public final class EnrollmentThreads implements LiveThreads {

    private final EnrollmentStore enrollments;

    public EnrollmentThreads(EnrollmentStore enrollments) {
        this.enrollments = enrollments;
    }

    @Override
    public Enrolled of(Handle handle, long enrollmentId) {
        return thread(enrollments.byId(handle, enrollmentId));
    }

    @Override
    public List<Enrolled> liveOfContact(Handle handle, long contactId) {
        return enrollments.liveOfContact(handle, contactId).stream().map(EnrollmentThreads::thread).toList();
    }

    @Override
    public List<Enrolled> liveByThreadKey(Handle handle, long mailboxId, String threadKey) {
        return enrollments.liveByThreadKey(handle, mailboxId, threadKey).stream().map(EnrollmentThreads::thread)
                .toList();
    }

    private static Enrolled thread(Enrollment enrollment) {
        return new Enrolled(enrollment.id(), enrollment.contactId(), enrollment.mailboxId(), enrollment.enrolledAt(),
                enrollment.threadSubject());
    }
}
