package io.followup.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an {@link EventLog} row records. The writers name a kind here and the readers (the digest, the demo, the
 * pages) ask for the same constant, so no reader matches a sentence written elsewhere. {@link #text()} is the value
 * stored in {@code event_log.event}: the lower-case constant name, as rows written before this enum existed.
 */
public enum EventKind {
    // enrollments
    ENROLLED, FIRST_TOUCH_WINDOW, FIRST_TOUCH_EDGE, FIRST_TOUCH_APPROVAL, QUEUED, PENDING_APPROVAL, DRAFT_HELD,
    DRAFT_EDITED, PAUSED, RESUMED, STOPPED, COMPLETED, RETIRED, STEPS_CHANGED, VARIANT_CHANGED, DISPATCH_FAILED,
    ENROLLMENT_FAILED, ESCALATED, COMPLAINT, REPLY, REPLY_UNVERIFIED, BOUNCE, HANDED_OFF, OWNER_NOTIFIED, CANCELLED, IN_DOUBT,
    // sending
    SENT, SEND_FAILED, SEND_RETRY, SENT_COPY_FAILED, SENT_COPY_SKIPPED,
    // responses
    AUTO_REPLY, SOFT_BOUNCE,
    /** A soft bounce after the last retry: the enrollment stops (a {@link #STOPPED} row follows it). */
    SOFT_BOUNCE_EXHAUSTED,
    HARD_BOUNCE, OPTED_OUT, SUPPRESSED, UNSUPPRESSED, UNSUBSCRIBED, REFERRAL_ENROLLED, REFERRAL_NOT_ENROLLED,
    REFERRAL_WITHOUT_ADDRESS, INTRODUCTION_ITEM_FAILED, INTRODUCTION_ITEM_SKIPPED,
    // inbound
    INBOUND_FROM_CONTACT, INBOUND_OTHER, INBOUND_UNREADABLE, INBOUND_UNREADABLE_GAVE_UP, INBOUND_UNREADABLE_READ,
    INBOUND_UNVERIFIED, UNVERIFIED_APPLIED, UNVERIFIED_DISMISSED, FOUND_IN_JUNK,
    // tasks
    TASK_CREATED, TASK_DONE, TASK_SKIPPED, TASK_CLOSED, TASK_STEP_RELEASED,
    // keep in touch, approvals, digests, contacts, mailboxes
    KEEP_IN_TOUCH_SET, KEEP_IN_TOUCH_CLEARED, KEEP_IN_TOUCH_RESET, CHECK_IN_DRAFTED, CHECK_IN_SKIPPED,
    CHECK_IN_FAILED, APPROVAL_NOTICE, APPROVAL_NOTICE_FAILED, NOTICE_QUEUED, DIGEST_QUEUED, DIGEST_SENT,
    DIGEST_FAILED, DRAFT_SNOOZED, APPROVED, REJECTED, RESOLVED_SENT, RESOLVED_RESEND,
    INTRODUCER_ACKNOWLEDGEMENT_DRAFTED, INTRODUCER_CONNECTED_DRAFTED, THANK_YOU_DRAFTED, CONTACT_UPDATED, CONTACT_FORGOTTEN, OAUTH_CONNECTED, OAUTH_REVOKED;

    private static final Map<String, EventKind> BY_TEXT = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventKind::text, Function.identity()));

    /** The value stored in {@code event_log.event}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored values of {@code kinds}, to bind as a list ({@code event IN (<kinds>)}). */
    public static List<String> texts(EventKind... kinds) {
        return Arrays.stream(kinds).map(EventKind::text).toList();
    }

    /** The kind stored as {@code text}, or empty for a value no writer uses. */
    public static Optional<EventKind> find(String text) {
        return Optional.ofNullable(BY_TEXT.get(text));
    }

    /** The kind stored as {@code text}, for readers; an unknown value is an error naming it. */
    public static EventKind fromText(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("unknown event kind '" + text + "'"));
    }

    /** A prefix plus a value's stored name ({@code "task_"} and {@code "done"}): one of the kinds, or an error. */
    public static EventKind of(String prefix, String value) {
        return fromText(prefix + value);
    }
}
