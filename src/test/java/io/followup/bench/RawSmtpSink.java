package io.followup.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The fastest SMTP server this machine can offer on loopback: accepts every command, advertises PIPELINING, counts
 * messages and the Message-IDs it received (so a benchmark can also prove it sent no duplicate). It is the limit a
 * send-path figure is compared with. Thread-safe; one thread per connection.
 */
final class RawSmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raw-smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    /** When set, messages with a recipient {@link #deliverTo} are handed over whole (CRLF, dots unstuffed). */
    private final String deliverTo;
    private final Consumer<byte[]> deliver;

    RawSmtpSink() throws IOException {
        this(null, null);
    }

    /**
     * A sink that also delivers: each message with the recipient {@code deliverTo} (compared without case) is given
     * to {@code deliver} as its raw bytes before the final 250, as a local delivery agent would store it.
     */
    RawSmtpSink(String deliverTo, Consumer<byte[]> deliver) throws IOException {
        this.deliverTo = deliverTo;
        this.deliver = deliver;
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Forgets the Message-IDs seen so far (between two measurements that may reuse ids). */
    void resetIds() {
        messageIds.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192)) {
            reply(out, "220 sink ESMTP\r\n", in);
            String line;
            boolean forDelivery = false;
            while ((line = readLine(in)) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                if (verb.equals("MAIL") || verb.equals("RSET")) {
                    forDelivery = false;
                } else if (verb.equals("RCPT") && deliverTo != null
                        && line.toLowerCase(java.util.Locale.ROOT).contains("<" + deliverTo.toLowerCase(java.util.Locale.ROOT) + ">")) {
                    forDelivery = true;
                }
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n",
                            in);
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK\r\n", in);
                    case "DATA" -> {
                        reply(out, "354 go ahead\r\n", in);
                        readData(in, forDelivery);
                        forDelivery = false;
                        reply(out, "250 queued\r\n", in);
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye\r\n", in);
                        return;
                    }
                    default -> reply(out, "502 unknown\r\n", in);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Writes a reply, flushing only when the client has nothing more pipelined. */
    private static void reply(OutputStream out, String text, InputStream in) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        if (in.available() == 0) {
            out.flush();
        }
    }

    private void readData(InputStream in, boolean forDelivery) throws IOException {
        String messageId = null;
        boolean headers = true;
        ByteArrayOutputStream raw = forDelivery ? new ByteArrayOutputStream(4096) : null;
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                break;
            }
            if (raw != null) {
                raw.write((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.ISO_8859_1));
                raw.write('\r');
                raw.write('\n');
            }
            if (headers) {
                if (line.isEmpty()) {
                    headers = false;
                } else if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                    messageId = line.substring(11).strip();
                }
            }
        }
        if (raw != null) {
            deliver.accept(raw.toByteArray());
        }
        messages.incrementAndGet();
        if (messageId != null && !messageIds.add(messageId)) {
            duplicates.incrementAndGet();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
