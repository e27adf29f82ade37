package io.followup.keepintouch;

import io.followup.inbound.InboundMessage;
import io.followup.inbound.classify.MessageKind;
import io.followup.response.ResponseListener;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Restarts a contact's keep-in-touch clock when the contact writes, whether or not the message answers one of our
 * sequences. Mail the contact did not write by hand does not count: auto-replies, bounces and complaints are
 * ignored. Stateless and thread-safe.
 */
public final class KeepInTouchClock implements ResponseListener {

    private final KeepInTouchService keepInTouch;

    public KeepInTouchClock(KeepInTouchService keepInTouch) {
        this.keepInTouch = keepInTouch;
    }

    @Override
    public void fromContact(Handle handle, long contactId, long inboundId, InboundMessage message, Instant now) {
        MessageKind kind = message.analysis().kind();
        if (kind == MessageKind.HUMAN_REPLY || kind == MessageKind.OTHER) {
            keepInTouch.contactWrote(handle, contactId, inboundId, now);
        }
    }
}
