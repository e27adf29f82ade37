package io.followup.outbox;

import io.followup.StoredName;

/**
 * Where an SMTP transaction stood when it ended: {@code connect} (greeting, EHLO, STARTTLS, AUTH), {@code mail}
 * (MAIL FROM), {@code rcpt} (RCPT TO), {@code data} (the DATA command), {@code body} (writing the message, before
 * the final dot), {@code end_of_data} (the final dot was sent, waiting for the reply). Only a failure at
 * {@code end_of_data} can leave the message on the server without us knowing it: that one is {@code in_doubt}.
 */
public enum SmtpStage implements StoredName {
    CONNECT, MAIL, RCPT, DATA, BODY, END_OF_DATA;

    /** The stage of a stored value; null for null. */
    public static SmtpStage ofDb(String value) {
        return value == null ? null : StoredName.ofDb(SmtpStage.class, value);
    }

    /** Whether the final dot may have reached the server (so a second DATA could deliver the message twice). */
    public boolean afterEndOfData() {
        return this == END_OF_DATA;
    }
}
