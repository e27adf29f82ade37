package io.followup.outbox;

import io.followup.FollowupException;

/**
 * Sending failed, and what that means ({@link Disposition}): the message may be tried again, was refused for good,
 * or may have reached the server ({@code in_doubt}, never sent again automatically). {@link #stage()} and
 * {@link #reply()} say where and with which server reply (both null when the message could not even be built).
 * {@link #mailboxUnavailable()} is true when the failure concerns the mailbox's server rather than this message
 * (connection lost, refused at connect, 421): its other messages wait for the next run.
 */
public final class MailException extends FollowupException {

    /** What a failed send means for the message. */
    public enum Disposition {
        /** Nothing reached the server past the point of no return: retrying is safe. */
        RETRY,
        /** The server refused the message or recipient for good (5xx): failed, never retried. */
        REFUSED,
        /** The final dot was sent and no verdict came back: the server may have the message. */
        IN_DOUBT
    }

    private final Disposition disposition;
    private final SmtpStage stage;
    private final SmtpReply reply;
    private final boolean mailboxUnavailable;

    /** A failure outside an SMTP transaction: permanent (refused) or passing (retry). */
    public MailException(String message, boolean permanent, Throwable cause) {
        this(message, permanent ? Disposition.REFUSED : Disposition.RETRY, null, null, !permanent, cause);
    }

    public MailException(String message, Disposition disposition, SmtpStage stage, SmtpReply reply,
                         boolean mailboxUnavailable, Throwable cause) {
        super(message, cause);
        this.disposition = disposition;
        this.stage = stage;
        this.reply = reply;
        this.mailboxUnavailable = mailboxUnavailable;
    }

    /** True when the server refused the message or recipient for good (5xx). */
    public boolean permanent() {
        return disposition == Disposition.REFUSED;
    }

    public Disposition disposition() {
        return disposition;
    }

    /** The stage the SMTP transaction reached; null when it never started (the message could not be built). */
    public SmtpStage stage() {
        return stage;
    }

    /** The server's reply at {@link #stage()}; null when it gave none. */
    public SmtpReply reply() {
        return reply;
    }

    /** Whether the recipient itself was refused for good (a 5xx at RCPT): a hard bounce. */
    public boolean recipientRefused() {
        return disposition == Disposition.REFUSED && stage == SmtpStage.RCPT;
    }

    /** Whether the mailbox's server, not this message, failed: the mailbox's other messages should wait. */
    public boolean mailboxUnavailable() {
        return mailboxUnavailable;
    }

    @Override
    public Kind kind() {
        return Kind.FAILURE;
    }
}
