package io.followup.inbound.classify;

import java.util.Locale;

/**
 * Fine reason of a failed delivery, named after the taxonomy of the sisimai bounce library (the
 * reference the corpora are labelled with). Every fine reason belongs to exactly one coarse
 * {@link BounceClass}; the classifier decides the fine reason first and derives the class from it,
 * so that the class always has a reason that can be shown.
 */
public enum BounceReason {
    USER_UNKNOWN(BounceClass.INVALID_RECIPIENT),
    HOST_UNKNOWN(BounceClass.INVALID_RECIPIENT),
    HAS_MOVED(BounceClass.INVALID_RECIPIENT),
    NOT_ACCEPT(BounceClass.INVALID_RECIPIENT),
    MAILBOX_FULL(BounceClass.MAILBOX_FULL),
    EXCEED_LIMIT(BounceClass.MAILBOX_FULL),
    SYSTEM_FULL(BounceClass.MAILBOX_FULL),
    FILTERED(BounceClass.POLICY),
    REJECTED(BounceClass.POLICY),
    BLOCKED(BounceClass.POLICY),
    REQUIRE_PTR(BounceClass.POLICY),
    BAD_REPUTATION(BounceClass.POLICY),
    SPAM_DETECTED(BounceClass.POLICY),
    VIRUS_DETECTED(BounceClass.POLICY),
    SECURITY_ERROR(BounceClass.POLICY),
    AUTH_FAILURE(BounceClass.POLICY),
    POLICY_VIOLATION(BounceClass.POLICY),
    NO_RELAYING(BounceClass.POLICY),
    MESG_TOO_BIG(BounceClass.POLICY),
    CONTENT_ERROR(BounceClass.POLICY),
    NOT_COMPLIANT_RFC(BounceClass.POLICY),
    SYNTAX_ERROR(BounceClass.POLICY),
    SUSPEND(BounceClass.POLICY),
    EXPIRED(BounceClass.TRANSIENT),
    NETWORK_ERROR(BounceClass.TRANSIENT),
    SYSTEM_ERROR(BounceClass.TRANSIENT),
    MAILER_ERROR(BounceClass.TRANSIENT),
    TOO_MANY_CONN(BounceClass.TRANSIENT),
    SPEEDING(BounceClass.TRANSIENT),
    UNDEFINED(BounceClass.OTHER);

    private final BounceClass bounceClass;

    BounceReason(BounceClass bounceClass) {
        this.bounceClass = bounceClass;
    }

    /** The coarse class this reason belongs to. */
    public BounceClass bounceClass() {
        return bounceClass;
    }

    /** The name used in JSON output, as sisimai spells it, e.g. {@code userunknown}. */
    public String wireName() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The most common fine reason of a coarse class, for reports that give only the class. */
    static BounceReason typical(BounceClass bounceClass) {
        return switch (bounceClass) {
            case INVALID_RECIPIENT -> USER_UNKNOWN;
            case MAILBOX_FULL -> MAILBOX_FULL;
            case POLICY -> REJECTED;
            case TRANSIENT -> SYSTEM_ERROR;
            case OTHER -> UNDEFINED;
        };
    }
}
