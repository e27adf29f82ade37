package io.followup.testing;

import java.time.Duration;

/**
 * What {@link FaultSmtpSink} does at one stage of an SMTP exchange instead of its normal reply: answer with a
 * given code, drop the connection, never answer, or answer late. Values; thread-safe.
 */
public sealed interface SmtpFault {

    /** Answers {@code code text} (e.g. {@code 451 4.3.0 try later}); a 421 also closes the connection. */
    record Reply(int code, String text) implements SmtpFault {
    }

    /** Closes the connection without a reply. */
    record Drop() implements SmtpFault {
    }

    /** Never answers; keeps the connection open until the client gives up. */
    record Silence() implements SmtpFault {
    }

    /** Waits {@code delay}, then does {@code then} (the normal reply when null). */
    record Slow(Duration delay, SmtpFault then) implements SmtpFault {
    }

    static SmtpFault reply(int code, String text) {
        return new Reply(code, text);
    }

    static SmtpFault drop() {
        return new Drop();
    }

    static SmtpFault silence() {
        return new Silence();
    }

    /** The normal reply, {@code delay} late. */
    static SmtpFault slow(Duration delay) {
        return new Slow(delay, null);
    }

    /** A reply code with a standard text and enhanced status for it: 421, 450, 451, 452, 550, 552, 553, 554. */
    static SmtpFault code(int code) {
        return new Reply(code, switch (code) {
            case 421 -> "4.3.2 Service not available, closing transmission channel";
            case 450 -> "4.2.1 Mailbox unavailable, try again later";
            case 451 -> "4.3.0 Local error in processing, try again later";
            case 452 -> "4.3.1 Insufficient system storage";
            case 550 -> "5.1.1 No such user here";
            case 552 -> "5.3.4 Message size exceeds fixed limit";
            case 553 -> "5.1.3 Mailbox name not allowed";
            case 554 -> "5.7.1 Message rejected as spam";
            default -> (code >= 500 ? "5.0.0" : "4.0.0") + " Fault injected";
        });
    }
}
