package io.followup.outbox;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Builds the MIME message of an outbound row: its stored Message-ID (never a new one), threading headers, a
 * text part and, when there is one, an HTML alternative (inside multipart/related with the message's inline
 * parts, when it has some); when the row has an unsubscribe link (bulk sequences only, {@code unsubscribe: header}),
 * the RFC 8058 headers {@code List-Unsubscribe} (the link, plus a {@code mailto:} when configured) and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}. It never sets {@code Precedence},
 * {@code Auto-Submitted} or other bulk/automatic markers: follow-ups are person-to-person mail, and such headers make
 * vacation responders (RFC 3834, RFC 5230) stay silent. Thread-safe.
 */
public final class MimeBuilder {

    private final String unsubscribeMailto;

    public MimeBuilder() {
        this(null);
    }

    /** @param unsubscribeMailto an address also offered in {@code List-Unsubscribe}, or null */
    public MimeBuilder(String unsubscribeMailto) {
        this.unsubscribeMailto = unsubscribeMailto == null || unsubscribeMailto.isBlank() ? null
                : unsubscribeMailto.strip();
    }

    public MimeMessage build(Session session, OutboundMessage message, Instant date) {
        try {
            MimeMessage mime = new StoredIdMimeMessage(session, message.messageId());
            mime.setFrom(new InternetAddress(message.fromAddress(), message.fromName(), "UTF-8"));
            mime.setRecipient(MimeMessage.RecipientType.TO,
                    new InternetAddress(message.toAddress(), message.toName(), "UTF-8"));
            mime.setSubject(message.subject(), "UTF-8");
            mime.setSentDate(Date.from(date));
            if (message.inReplyTo() != null) {
                mime.setHeader("In-Reply-To", message.inReplyTo());
            }
            if (message.referencesHeader() != null && !message.referencesHeader().isBlank()) {
                mime.setHeader("References", message.referencesHeader());
            }
            if (message.unsubscribeUrl() != null && !message.unsubscribeUrl().isBlank()) {
                mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">"
                        + (unsubscribeMailto == null ? "" : ", <mailto:" + unsubscribeMailto + "?subject=unsubscribe>"));
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            if (message.bodyHtml() == null || message.bodyHtml().isBlank()) {
                mime.setText(message.bodyText(), StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.bodyText(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.bodyHtml(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                if (message.inlineParts().isEmpty()) {
                    mime.setContent(alternative);
                } else {
                    mime.setContent(related(alternative, message.inlineParts()));
                }
            }
            mime.saveChanges();
            return mime;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailException("cannot build message " + message.messageId() + " (outbound #" + message.id()
                    + "): " + e.getMessage(), true, e);
        }
    }

    /** multipart/related: the alternative first, then each inline part with its Content-ID. */
    private static MimeMultipart related(MimeMultipart alternative, List<InlinePart> parts)
            throws MessagingException {
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        related.addBodyPart(body);
        for (InlinePart part : parts) {
            MimeBodyPart inline = new MimeBodyPart();
            inline.setDataHandler(new DataHandler(new ByteArrayDataSource(part.bytes(), part.contentType())));
            inline.setContentID("<" + part.contentId() + ">");
            inline.setDisposition(Part.INLINE);
            inline.setFileName(part.contentId() + extension(part.contentType()));
            related.addBodyPart(inline);
        }
        return related;
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> "";
        };
    }

    /** A MimeMessage that keeps the Message-ID stored before sending instead of generating one. */
    private static final class StoredIdMimeMessage extends MimeMessage {

        private final String messageId;

        StoredIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
