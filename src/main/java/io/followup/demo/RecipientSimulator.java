package io.followup.demo;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the demo's recipients: watches what GreenMail delivered to each of them and, in simulated time, answers
 * the way each one is set up to (a human reply, an out-of-office, a bounce from the receiving server, or nothing).
 * Everything it sends goes through GreenMail's SMTP to the owner's inbox, where the daemon's IMAP watcher finds it.
 * One thread; {@link #start()} and {@link #stop()} from the demo's thread.
 */
final class RecipientSimulator {

    private static final Logger log = LoggerFactory.getLogger(RecipientSimulator.class);
    private static final DateTimeFormatter RETURN_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private final GreenMail greenMail;
    private final int smtpPort;
    private final String owner;
    private final Clock clock;
    private final List<DemoContact> contacts;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Set<String> answered = new HashSet<>();
    private final PollingLoop loop = new PollingLoop("demo-recipients", Duration.ofMillis(100), this::reactAll);

    RecipientSimulator(GreenMail greenMail, int smtpPort, String owner, Clock clock, List<DemoContact> contacts) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.owner = owner;
        this.clock = clock;
        this.contacts = List.copyOf(contacts);
    }

    void start() {
        loop.start();
    }

    void stop() throws InterruptedException {
        loop.stop(Duration.ofSeconds(5));
    }

    private void reactAll() {
        for (DemoContact contact : contacts) {
            if (contact.behaviour() != DemoContact.Behaviour.SILENT) {
                try {
                    react(contact);
                } catch (MessagingException | RuntimeException e) {
                    log.warn("simulated recipient {} failed: {}", contact.contact().email(), e.getMessage());
                }
            }
        }
    }

    private void react(DemoContact contact) throws MessagingException {
        List<MimeMessage> received = receivedBy(contact.contact().email());
        if (received.size() < contact.answersStep()) {
            return;
        }
        MimeMessage message = received.get(contact.answersStep() - 1);
        String messageId = message.getMessageID();
        if (answered.contains(messageId)) {
            return;
        }
        Instant seen = firstSeen.computeIfAbsent(messageId, id -> clock.instant());
        if (clock.instant().isBefore(seen.plus(contact.delay()))) {
            return;
        }
        answered.add(messageId);
        switch (contact.behaviour()) {
            case REPLIES -> send(reply(contact, message, contact.replyText(), false));
            case OUT_OF_OFFICE -> send(reply(contact, message, outOfOffice(), true));
            case BOUNCES -> send(bounce(contact, message));
            case SILENT -> { }
        }
    }

    private List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> ((InternetAddress) to).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private String outOfOffice() {
        LocalDate back = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(4);
        return "Thank you for your email. I am out of the office with limited access to email and will be back on "
                + RETURN_DATE.format(back) + ".\nFor urgent matters please contact my colleague.\n";
    }

    private MimeMessage reply(DemoContact contact, MimeMessage original, String text, boolean automatic)
            throws MessagingException {
        MimeMessage reply = new MimeMessage(session());
        reply.setFrom(new InternetAddress(contact.contact().email()));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(owner));
        reply.setSubject((automatic ? "Automatic reply: " : "Re: ") + original.getSubject().replaceFirst("^Re: ", ""),
                "UTF-8");
        reply.setSentDate(Date.from(clock.instant()));
        reply.setHeader("In-Reply-To", original.getMessageID());
        String references = original.getHeader("References", " ");
        reply.setHeader("References", (references == null ? "" : references + " ") + original.getMessageID());
        if (automatic) {
            reply.setHeader("Auto-Submitted", "auto-replied");
            reply.setHeader("X-Autoreply", "yes");
        }
        String quoted = "On " + original.getSentDate() + ", " + original.getFrom()[0] + " wrote:\n> ...\n";
        reply.setText(text + "\n" + (automatic ? "" : quoted), "UTF-8");
        reply.saveChanges();
        return reply;
    }

    private MimeMessage bounce(DemoContact contact, MimeMessage original) throws MessagingException {
        String boundary = "bounce-" + UUID.randomUUID();
        String recipient = contact.contact().email();
        String raw = "From: Mail Delivery Subsystem <mailer-daemon@mx.followup.demo>\r\n"
                + "To: " + owner + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Date: " + new jakarta.mail.internet.MailDateFormat().format(Date.from(clock.instant())) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mx.followup.demo>\r\n"
                + "Auto-Submitted: auto-replied\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n"
                + "\r\n--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system at host mx.followup.demo.\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered to one or more\r\n"
                + "recipients.\r\n\r\n<" + recipient + ">: host mx.example.com said: 550 5.1.1 <" + recipient
                + ">: Recipient address rejected: User unknown in virtual mailbox table\r\n"
                + "\r\n--" + boundary + "\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.followup.demo\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Original-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown\r\n"
                + "\r\n--" + boundary + "\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + "From: " + original.getFrom()[0] + "\r\n"
                + "To: " + recipient + "\r\n"
                + "Subject: " + original.getSubject() + "\r\n"
                + "Message-ID: " + original.getMessageID() + "\r\n"
                + "\r\n--" + boundary + "--\r\n";
        return new MimeMessage(session(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends as is: a parsed message keeps its own headers (Transport.send would replace its Message-ID). */
    private void send(MimeMessage message) throws MessagingException {
        try (Transport transport = session().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(owner)});
        }
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        return Session.getInstance(properties);
    }
}
