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
        return rate(port, count, 1);
    }

    /**
     * Messages per second for {@code count} ~1 KB messages to the sink on {@code port} over {@code connections}
     * connections at once (one thread each, {@code count / connections} messages each), from the first connect to
     * the last message.
     */
    static double rate(int port, int count, int connections) throws Exception {
        if (connections <= 1) {
            return count / seconds(port, count);
        }
        int each = Math.max(1, count / connections);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(connections);
        try {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(connections);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Double>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < connections; i++) {
                runs.add(threads.submit(() -> seconds(port, each, ready, go)));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (java.util.concurrent.Future<Double> run : runs) {
                run.get();
            }
            return each * connections / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static double seconds(int port, int count) throws Exception {
        java.util.concurrent.CountDownLatch none = new java.util.concurrent.CountDownLatch(0);
        return seconds(port, count, new java.util.concurrent.CountDownLatch(1), none);
    }

    /** Builds {@code count} messages, counts {@code ready} down, waits for {@code go}, sends them; seconds taken. */
    private static double seconds(int port, int count, java.util.concurrent.CountDownLatch ready,
                                  java.util.concurrent.CountDownLatch go) throws Exception {
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
        ready.countDown();
        go.await();
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (MimeMessage message : messages) {
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
