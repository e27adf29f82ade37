package io.followup.web;

import io.followup.sequence.EnrollmentLines;
import io.followup.sequence.EnrollmentLines.EnrollmentLine;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The enrollment lines the pages show, read through {@link EnrollmentLines}. Stateless and thread-safe. */
final class History {

    private final EnrollmentLines enrollments = new EnrollmentLines();

    List<EnrollmentLine> enrollmentsOfContact(Handle handle, long contactId) {
        return enrollments.ofContact(handle, contactId);
    }

    /**
     * Enrollments in a state ("live" for active, paused and held; empty for all), newest first: at most
     * {@code limit} after the enrollment {@code afterId} (null: from the newest) in {@code direction} (backward:
     * oldest first).
     */
    List<EnrollmentLine> enrollments(Handle handle, String state, Paging.Direction direction, Long afterId,
                                     int limit) {
        return enrollments.page(handle, state, direction == Paging.Direction.FORWARD, afterId, limit);
    }

    Optional<EnrollmentLine> enrollment(Handle handle, long id) {
        return enrollments.line(handle, id);
    }
}
