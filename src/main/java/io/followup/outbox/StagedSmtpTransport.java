package io.followup.outbox;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, told which stage each send is at ({@link SmtpStage}) and which reply the server gave
 * there. The hooks are Angus's own protected steps of {@code sendMessage}: {@code mailFrom()}, {@code rcptTo()},
 * {@code data()} (DATA and its 354), {@code finishData()} (writes the final dot and reads its reply). The stage
 * becomes {@code end_of_data} before the dot is written, so a failure from then on is never taken for one the
 * server cannot have accepted. The recorded reply of a stage is its first refusal (a later RSET's 250 does not
 * hide it), else its last reply. Not thread-safe (Angus synchronizes sends on the transport).
 */
final class StagedSmtpTransport extends SMTPTransport {

    private SmtpStage stage = SmtpStage.CONNECT;
    private SmtpReply reply;
    private volatile boolean open;

    StagedSmtpTransport(Session session, URLName url) {
        super(session, url);
    }

    /** The stage the last send reached (or {@code connect} while connecting). */
    SmtpStage stage() {
        return stage;
    }

    /** The server's reply at {@link #stage()}: null when none was read. */
    SmtpReply reply() {
        return reply;
    }

    /**
     * Whether the connection is open as far as this side knows, without asking the server (Angus's
     * {@link #isConnected()} sends a NOOP: one more round trip per message).
     */
    boolean openLocally() {
        return open;
    }

    @Override
    protected void notifyConnectionListeners(int type) {
        if (type == jakarta.mail.event.ConnectionEvent.OPENED) {
            open = true;
        } else if (type == jakarta.mail.event.ConnectionEvent.CLOSED) {
            open = false;
        }
        super.notifyConnectionListeners(type);
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        enter(SmtpStage.CONNECT);
        super.sendMessage(message, addresses);
    }

    @Override
    protected void mailFrom() throws MessagingException {
        enter(SmtpStage.MAIL);
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        enter(SmtpStage.RCPT);
        super.rcptTo();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        enter(SmtpStage.DATA);
        OutputStream body = super.data();
        enter(SmtpStage.BODY);
        return body;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        enter(SmtpStage.END_OF_DATA);
        super.finishData();
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code;
        try {
            code = super.readServerResponse();
        } catch (MessagingException e) {
            record(SmtpReply.of(0, "no reply: " + e.getMessage()));
            throw e;
        }
        record(SmtpReply.of(code, getLastServerResponse()));
        return code;
    }

    private void record(SmtpReply latest) {
        if (reply == null || reply.positive()) {
            reply = latest;
        }
    }

    private void enter(SmtpStage next) {
        stage = next;
        reply = null;
    }
}
