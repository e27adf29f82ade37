package io.followup.contact;

import io.followup.FollowupException;

/** A contact's data is invalid (an address, a time zone, an unknown introducer); the message names the field. */
public final class ContactException extends FollowupException {

    public ContactException(String message) {
        super(message);
    }
}
