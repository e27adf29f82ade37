package io.followup.outbox;

import io.followup.config.MailboxConfig;
import io.followup.config.Security;
import io.followup.config.SmtpConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
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
    private Transport transport;

    public SmtpMailer(MailboxConfig mailbox, MimeBuilder mimeBuilder, Clock clock) {
        this(mailbox, mimeBuilder, clock, null);
    }

    /** With {@code verp} (may be null), a mailbox with {@code verp: true} sends from a signed return address. */
    public SmtpMailer(MailboxConfig mailbox, MimeBuilder mimeBuilder, Clock clock, VerpAddresses verp) {
        this.mailbox = mailbox;
        this.session = Session.getInstance(properties(mailbox.smtp()));
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
     * Sends one message with its stored Message-ID.
     *
     * @throws MailException permanent for a refusal of the message or recipient, passing otherwise
     */
    public void send(OutboundMessage message) {
        MimeMessage mime = mimeBuilder.build(session, message, clock.instant());
        if (verp != null) {
            session.getProperties().put("mail.smtp.from",
                    verp.envelopeSender(mailbox.proof().verpBase(mailbox.address()), message.id()));
        }
        try {
            connect();
            transport.sendMessage(mime, mime.getAllRecipients());
            log.debug("sent {} (outbound #{}) to {} via {}", message.messageId(), message.id(), message.toAddress(),
                    mailbox.name());
        } catch (SMTPAddressFailedException e) {
            throw failure(message, e, e.getReturnCode() >= 500);
        } catch (SMTPSendFailedException e) {
            throw failure(message, e, e.getReturnCode() >= 500);
        } catch (SendFailedException e) {
            closeQuietly();
            throw failure(message, e, false);
        } catch (MessagingException e) {
            closeQuietly();
            throw failure(message, e, false);
        }
    }

    private void connect() throws MessagingException {
        if (transport != null && transport.isConnected()) {
            return;
        }
        SmtpConfig smtp = mailbox.smtp();
        transport = session.getTransport("smtp");
        if (smtp.username() != null && !smtp.username().isBlank()) {
            transport.connect(smtp.host(), smtp.port(), smtp.username(),
                    smtp.password().isPresent() ? smtp.password().reveal() : "");
        } else {
            transport.connect();
        }
    }

    private MailException failure(OutboundMessage message, MessagingException e, boolean permanent) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
            reason = reason + ": " + cause.getMessage();
        }
        return new MailException("SMTP " + mailbox.smtp().host() + ":" + mailbox.smtp().port() + " (mailbox "
                + mailbox.name() + ") refused " + message.messageId() + " (outbound #" + message.id() + "): "
                + reason.replaceAll("\\s+", " "), permanent, null);
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
