package io.followup.contact;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What {@link ContactEraser} asks of the enrollments' owner ({@code sequence.EnrollmentStore}, a layer above, which
 * implements it). Call inside the eraser's transaction. Implementations are stateless and thread-safe.
 */
public interface EnrollmentErasure {

    /** Ids of the contact's enrollments. */
    List<Long> idsOfContact(Handle handle, long contactId);

    /** Deletes the enrollments {@code ids} (what refers to them is deleted first); returns how many. */
    int deleteAll(Handle handle, List<Long> ids);
}
