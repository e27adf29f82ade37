package io.followup.sequence;

import java.util.Locale;

/**
 * What a response may do besides stopping (a human reply, a complaint and a hard bounce always stop the
 * enrollment; these are the extra actions configured per sequence under {@code responses:}).
 */
public enum ResponseAction {
    /** Mail the mailbox's owner a notice with the reply, so a person answers it. */
    NOTIFY_OWNER,
    /** Never enroll this contact in this sequence again. */
    OPT_OUT,
    /** Put the address on the global do-not-contact list: nothing is ever sent to it again. */
    SUPPRESS,
    /** Create the contact the reply names and enroll it, introduced by the replier. */
    ENROLL_REFERRAL;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
