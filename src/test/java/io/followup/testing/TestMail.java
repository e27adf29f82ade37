package io.followup.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** GreenMail SMTP + IMAP on loopback with free ports, an owner mailbox, and helpers to read and send mail. */
public final class TestMail implements AutoCloseable {

    public static final String OWNER = "owner@followup.test";
    public static final String OWNER_PASSWORD = "owner-secret-pw";

    private final GreenMail greenMail;

    public TestMail() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(3143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));
        greenMail.start();
        greenMail.setUser(OWNER, OWNER, OWNER_PASSWORD);
    }

    /**
     * A plain-text message to the owner, dated {@code date}, as a delivery agent stores it (with the envelope sender in
     * {@code Return-Path}, so a message from a contact is aligned with its {@code From}); an auto-reply with
     * {@code autoReply}.
     */
    public static byte[] rawMessage(String from, String subject, String body, String inReplyTo, boolean autoReply,
                                    Instant date) {
        String raw = "Return-Path: <" + from + ">\r\n"
                + "From: " + from + "\r\n"
                + "To: " + TestMail.OWNER + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.org>\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + (autoReply ? "Auto-Submitted: auto-replied\r\n" : "")
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + body + "\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /**
     * What reached the INBOX of {@code address}, in arrival order; unlike {@link #receivedBy}, copies appended to
     * other users' folders (a Sent folder) are not counted.
     */
    public List<MimeMessage> inboxOf(String address) {
        try {
            com.icegreen.greenmail.user.GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
            if (user == null) {
                return List.of();
            }
            return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                    .map(com.icegreen.greenmail.store.StoredMessage::getMimeMessage).toList();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException("cannot read the inbox of " + address, e);
        }
    }

    /** Every message delivered to this address (and every message appended anywhere with it in To), in order. */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> ((InternetAddress) recipient).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Sends a reply from {@code from} to the owner, threaded to {@code inReplyTo} (null for none). */
    public void reply(String from, String subject, String body, String inReplyTo, String references) {
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(OWNER));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setText(body, "UTF-8");
            if (inReplyTo != null) {
                message.setHeader("In-Reply-To", inReplyTo);
            }
            if (references != null) {
                message.setHeader("References", references);
            }
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers a raw RFC 5322 message to the owner's inbox. */
    public void deliverRaw(byte[] raw) {
        deliverRaw(raw, null);
    }

    /**
     * Delivers a raw RFC 5322 message to the owner's inbox with this SMTP envelope sender ({@code MAIL FROM}, which
     * GreenMail records as {@code Return-Path}); null: the message's From.
     */
    public void deliverRaw(byte[] raw, String envelopeFrom) {
        try {
            Session session = session();
            if (envelopeFrom != null) {
                session.getProperties().put("mail.smtp.from", envelopeFrom);
            }
            MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(raw));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, new InternetAddress[] {new InternetAddress(OWNER)});
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a folder of the owner's mailbox (as a mail client or a filter rule would). */
    public void createFolder(String folder) {
        try {
            greenMail.getManagers().getImapHostManager().createMailbox(owner(), folder);
        } catch (com.icegreen.greenmail.store.FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException("cannot create folder " + folder, e);
        }
    }

    /**
     * Stores a raw RFC 5322 message straight into a folder of the owner's mailbox (created when missing), as a
     * server-side filter (Sieve, a Gmail label, a spam filter) does; returns its UID there.
     */
    public long deliverInto(String folder, byte[] raw) {
        return deliverInto(folder, raw, new Date());
    }

    /** Like {@link #deliverInto(String, byte[])}, received (IMAP INTERNALDATE) at {@code received}. */
    public long deliverInto(String folder, byte[] raw, Date received) {
        try {
            com.icegreen.greenmail.imap.ImapHostManager manager = greenMail.getManagers().getImapHostManager();
            com.icegreen.greenmail.store.MailFolder target = manager.getFolder(owner(), folder);
            if (target == null) {
                target = manager.createMailbox(owner(), folder);
            }
            return target.appendMessage(new MimeMessage(session(), new java.io.ByteArrayInputStream(raw)),
                    new jakarta.mail.Flags(), received);
        } catch (MessagingException | com.icegreen.greenmail.store.FolderException
                 | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException("cannot store a message in " + folder, e);
        }
    }

    private com.icegreen.greenmail.user.GreenMailUser owner() {
        return greenMail.getUserManager().getUserByEmail(OWNER);
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort()));
        return Session.getInstance(properties);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
