package io.followup.outbox;

import io.followup.config.MailboxConfig;
import io.followup.config.Security;
import io.followup.config.SmtpConfig;
import io.followup.oauth.MailLogin;
import io.followup.oauth.OAuthException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbound messages of one mailbox over SMTP (plain, STARTTLS or SSL, with authentication), reusing one
 * connection for a batch. Not thread-safe: one sender uses one instance at a time; {@link #close()} after a batch.
 */
public final class SmtpMailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

    private final MailboxConfig mailbox;
    private final Session session;
    private final MimeBuilder mimeBuilder;
    private final Clock clock;
    private final VerpAddresses verp;
    /** How long an unused connection is trusted to be open without a NOOP. */
    private static final java.time.Duration TRUSTED_IDLE = java.time.Duration.ofSeconds(2);

    private final MailLogin login;
    private StagedSmtpTransport transport;
    private long lastUsed;

    public SmtpMailer(MailboxConfig mailbox, MimeBuilder mimeBuilder, Clock clock) {
        this(mailbox, mimeBuilder, clock, null);
    }

    /** With {@code verp} (may be null), a mailbox with {@code verp: true} sends from a signed return address. */
    public SmtpMailer(MailboxConfig mailbox, MimeBuilder mimeBuilder, Clock clock, VerpAddresses verp) {
        this(mailbox, mimeBuilder, clock, verp, MailLogin.PASSWORDS);
    }

    /** With {@code login}, a mailbox with {@code auth: oauth2} logs in with XOAUTH2. */
    public SmtpMailer(MailboxConfig mailbox, MimeBuilder mimeBuilder, Clock clock, VerpAddresses verp,
                      MailLogin login) {
        this.mailbox = mailbox;
        this.login = login;
        Properties properties = properties(mailbox.smtp());
        MailLogin.configure(properties, "smtp", mailbox);
        this.session = Session.getInstance(properties);
        this.mimeBuilder = mimeBuilder;
        this.clock = clock;
        this.verp = mailbox.proof().verp() ? verp : null;
    }

    static Properties properties(SmtpConfig smtp) {
        Properties properties = new Properties();
        String timeout = String.valueOf(smtp.timeout() == null ? 30_000 : smtp.timeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.auth", String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
        if (smtp.security() == Security.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        } else if (smtp.security() == Security.SSL) {
            properties.put("mail.smtp.ssl.enable", "true");
        }
        boolean trusted = smtp.trust() != null && !smtp.trust().isBlank();
        if (trusted) {
            // hosts the user chose to trust (e.g. a self-signed certificate): no chain or host name check
            properties.put("mail.smtp.ssl.trust", smtp.trust());
            properties.put("mail.smtp.ssl.checkserveridentity", "false");
        } else if (smtp.security() != Security.PLAIN) {
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return properties;
    }

    /**
     * Sends one message with its stored Message-ID. The rule: a failure before the final dot of DATA was sent may
     * be retried; after it, without a verdict from the server (no reply, a drop, a timeout), the message is
     * {@link MailException.Disposition#IN_DOUBT in doubt} and must not be sent again; a 5xx refuses it for good
     * wherever it comes in the transaction; a 4xx delays this message only. Failures while connecting (greeting,
     * EHLO, AUTH, whatever the code) and lost connections concern the mailbox, not the message. After a reply
     * that refused the message the connection stays open (Angus sent RSET) for the next message.
     *
     * @return the server's reply to the final dot (its queue id, usually)
     * @throws MailException saying what the failure means ({@link MailException#disposition()}), where it happened
     *                       and the server's reply
     */
    public SmtpReply send(OutboundMessage message) {
        MimeMessage mime = mimeBuilder.build(session, message, clock.instant());
        if (verp != null) {
            session.getProperties().put("mail.smtp.from",
                    verp.envelopeSender(mailbox.proof().verpBase(mailbox.address()), message.id()));
        }
        try {
            connect();
            transport.sendMessage(mime, mime.getAllRecipients());
            lastUsed = System.nanoTime();
            log.debug("sent {} (outbound #{}) to {} via {}", message.messageId(), message.id(), message.toAddress(),
                    mailbox.name());
            return transport.reply();
        } catch (MessagingException | IllegalStateException e) {
            SmtpStage stage = transport == null ? SmtpStage.CONNECT : transport.stage();
            SmtpReply reply = transport == null ? null : transport.reply();
            Verdict verdict = verdict(stage, reply);
            if (verdict.mailboxUnavailable()) {
                closeQuietly();
            }
            throw failure(message, e, stage, reply, verdict);
        } catch (OAuthException e) {
            closeQuietly();
            throw new MailException("SMTP " + mailbox.smtp().host() + ":" + mailbox.smtp().port() + " (mailbox "
                    + mailbox.name() + ") did not take " + message.messageId() + " (outbound #" + message.id()
                    + ") at connect: " + e.getMessage(), MailException.Disposition.RETRY, SmtpStage.CONNECT, null,
                    true, null);
        }
    }

    /** What a failed send means, by the stage it reached and the server's reply there (null: none). */
    record Verdict(MailException.Disposition disposition, boolean mailboxUnavailable) {
    }

    static Verdict verdict(SmtpStage stage, SmtpReply reply) {
        boolean answered = reply != null && reply.answered() && !reply.positive();
        if (!answered) {
            return new Verdict(stage.afterEndOfData() ? MailException.Disposition.IN_DOUBT
                    : MailException.Disposition.RETRY, true);
        }
        if (stage == SmtpStage.CONNECT || reply.closing()) {
            return new Verdict(MailException.Disposition.RETRY, true);
        }
        if (reply.permanentRefusal()) {
            return new Verdict(MailException.Disposition.REFUSED, false);
        }
        if (reply.transientRefusal()) {
            return new Verdict(MailException.Disposition.RETRY, false);
        }
        return new Verdict(stage.afterEndOfData() ? MailException.Disposition.IN_DOUBT
                : MailException.Disposition.RETRY, true);
    }

    /**
     * Opens the connection unless one is open. A connection used within the last {@link #TRUSTED_IDLE} is taken as
     * open without asking the server; an older one is checked with a NOOP first.
     */
    private void connect() throws MessagingException {
        if (transport != null && transport.openLocally()
                && (System.nanoTime() - lastUsed < TRUSTED_IDLE.toNanos() || transport.isConnected())) {
            return;
        }
        closeQuietly();
        SmtpConfig smtp = mailbox.smtp();
        transport = new StagedSmtpTransport(session, new URLName("smtp", smtp.host(), smtp.port(), null, null, null));
        if (mailbox.usesOAuth() || smtp.username() != null && !smtp.username().isBlank()) {
            StagedSmtpTransport opened = transport;
            login.connect(mailbox, smtp.username(), smtp.password(),
                    (user, password) -> opened.connect(smtp.host(), smtp.port(), user, password));
        } else {
            transport.connect();
        }
    }

    private MailException failure(OutboundMessage message, Exception e, SmtpStage stage, SmtpReply reply,
                                  Verdict verdict) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        Throwable cause = e instanceof MessagingException messaging && messaging.getNextException() != null
                ? messaging.getNextException() : e.getCause();
        if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
            reason = reason + ": " + cause.getMessage();
        }
        if (reply != null && reply.answered() && !reason.contains(reply.text())) {
            reason = reply.text() + " (" + reason + ")";
        }
        String what = switch (verdict.disposition()) {
            case REFUSED -> "refused";
            case RETRY -> "did not take";
            case IN_DOUBT -> "gave no verdict on";
        };
        return new MailException("SMTP " + mailbox.smtp().host() + ":" + mailbox.smtp().port() + " (mailbox "
                + mailbox.name() + ") " + what + " " + message.messageId() + " (outbound #" + message.id() + ") at "
                + stage.db() + ": " + reason.replaceAll("\\s+", " "), verdict.disposition(), stage, reply,
                verdict.mailboxUnavailable(), null);
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                log.debug("closing SMTP connection of {} failed: {}", mailbox.name(), e.getMessage());
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
