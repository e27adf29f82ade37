package io.followup.response;

import io.followup.contact.Contact;
import io.followup.inbound.InboundMessage;
import io.followup.sequence.Enrollment;

/**
 * What {@link ResponseListener#replyStopped} is told: the enrollment a human reply stopped (as read before it
 * stopped: its ids, sequence and mailbox), its contact, and the reply as recorded under {@code inboundId}.
 */
public record ReplyStop(Enrollment enrollment, Contact contact, long inboundId, InboundMessage reply) {
}
