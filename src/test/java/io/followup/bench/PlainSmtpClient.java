package io.followup.bench;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** The limit of a send-path figure: a plain Jakarta Mail client sending ready messages over one reused connection. */
final class PlainSmtpClient {

    private PlainSmtpClient() {
    }

    /** Messages per second for {@code count} ~1 KB messages to the sink on {@code port}. */
    static double rate(int port, int count) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(properties);
        String body = "Hi there,\n\n" + "thank you for the conversation at the spring fair. ".repeat(16) + "\n";
        MimeMessage[] messages = new MimeMessage[count];
        for (int i = 0; i < count; i++) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(BenchFiles.OWNER));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("plain" + i + "@example.org"));
            message.setSubject("Great to meet you");
            message.setText(body, "UTF-8");
            message.saveChanges();
            messages[i] = message;
        }
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (MimeMessage message : messages) {
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
