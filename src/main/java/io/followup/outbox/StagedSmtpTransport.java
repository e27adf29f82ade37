package io.followup.outbox;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, told which stage each send is at ({@link SmtpStage}) and which reply the server gave
 * there. The hooks are Angus's own protected steps of {@code sendMessage}: {@code mailFrom()}, {@code rcptTo()},
 * {@code data()} (DATA and its 354), {@code finishData()} (writes the final dot and reads its reply). The stage
 * becomes {@code end_of_data} before the dot is written, so a failure from then on is never taken for one the
 * server cannot have accepted. The recorded reply of a stage is its first refusal (a later RSET's 250 does not
 * hide it), else its last reply. Not thread-safe (Angus synchronizes sends on the transport).
 *
 * <p>When the server offers {@code PIPELINING} (RFC 2920), MAIL FROM, every RCPT TO and DATA go out in one write and
 * their replies are read afterwards, in order: one round trip where there were three. Angus still builds the
 * commands; while they are held back its checks see a provisional 250, and the server's real replies decide when
 * they are read: each is recorded at its own stage, the first refusal stands for the message (a 550 to RCPT stays a
 * refusal at {@code rcpt}, whatever DATA got then), and a refusal before DATA makes DATA fail as well, so no body is
 * written. A server that answers 354 to DATA after refusing MAIL or every RCPT gets a lone final dot (an empty
 * transaction it must refuse, RFC 2920 section 3.1). A reply that never comes (a drop, a timeout) is recorded at the
 * stage it was awaited for: all before the final dot, so the message can be retried. The final dot is never
 * pipelined: its reply is read before anything else is written.
 */
final class StagedSmtpTransport extends SMTPTransport {

    private SmtpStage stage = SmtpStage.CONNECT;
    private SmtpReply reply;
    private volatile boolean open;
    /**
     * Whether this send still holds MAIL and RCPT back until DATA (the server offered PIPELINING); false once they
     * are written, so what follows (the body, or the RSET after a refusal) goes out as usual.
     */
    private boolean pipelining;
    /** The commands held back, and the stage of each one whose reply is still to be read. */
    private final List<String> held = new ArrayList<>();
    private final List<SmtpStage> awaited = new ArrayList<>();

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
        pipelining = supportsExtension("PIPELINING");
        try {
            super.sendMessage(message, addresses);
        } finally {
            pipelining = false;
            held.clear();
            awaited.clear();
        }
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
    protected void sendCommand(String command) throws MessagingException {
        if (holding()) {
            held.add(command);
            awaited.add(stage);
            return;
        }
        if (!held.isEmpty()) {
            held.add(command);
            awaited.add(stage);
            String batch = String.join("\r\n", held);
            held.clear();
            pipelining = false;
            super.sendCommand(batch);
            return;
        }
        super.sendCommand(command);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        if (holding()) {
            return 250; // provisional: the real reply is read once DATA is written
        }
        return awaited.isEmpty() ? readOne() : readPipelined();
    }

    /** MAIL and RCPT of a pipelined send: written with DATA, answered after it. */
    private boolean holding() {
        return pipelining && (stage == SmtpStage.MAIL || stage == SmtpStage.RCPT);
    }

    /**
     * Reads the replies to the held commands and DATA, each at its stage. Returns DATA's reply code when every
     * earlier reply was positive; else the first refusal's code (never 354), so Angus takes DATA as failed, sends
     * RSET and writes no body, while {@link #stage()} and {@link #reply()} keep that refusal.
     */
    private int readPipelined() throws MessagingException {
        List<SmtpStage> stages = List.copyOf(awaited);
        awaited.clear();
        SmtpStage refusedAt = null;
        SmtpReply refusal = null;
        int code = 0;
        for (SmtpStage expected : stages) {
            if (refusal == null) {
                enter(expected);
            }
            try {
                code = refusal == null ? readOne() : super.readServerResponse();
            } catch (MessagingException e) {
                keep(refusedAt, refusal);
                throw e;
            }
            boolean accepted = expected == SmtpStage.DATA ? code == 354 : code >= 200 && code < 300;
            if (refusal == null && !accepted) {
                refusedAt = expected;
                refusal = reply != null && !reply.positive() ? reply : SmtpReply.of(code, getLastServerResponse());
            }
            if (code <= 0) {
                break; // the connection is gone: no further reply will come
            }
        }
        if (refusal == null || refusedAt == SmtpStage.DATA) {
            return code;
        }
        if (code == 354) {
            try {
                super.sendCommand(".");
                super.readServerResponse();
            } finally {
                keep(refusedAt, refusal);
            }
        }
        keep(refusedAt, refusal);
        return refusal.code() == 354 ? 554 : refusal.code();
    }

    private void keep(SmtpStage refusedAt, SmtpReply refusal) {
        if (refusal != null) {
            stage = refusedAt;
            reply = refusal;
        }
    }

    private int readOne() throws MessagingException {
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
