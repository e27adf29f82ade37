package io.followup.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An SMTP server on loopback that accepts everything unless told otherwise, and can be told to fail at any stage:
 * a 4xx/5xx reply, a dropped connection, a reply that never comes, a slow reply ({@link SmtpFault}), chosen per
 * connection, per recipient, once, at random ({@link Rule}). It records every message whose DATA was completed
 * (the final {@code .} received) with its Message-ID and what it answered, so a test can check that no Message-ID
 * arrived twice. A message the sink got in full but did not refuse (accepted, or the connection dropped / never
 * answered) counts as {@linkplain Received#kept() kept}: a real server may deliver it.
 *
 * <p>Advertises {@code PIPELINING}, {@code 8BITMIME} and {@code AUTH PLAIN} (any credentials accepted) unless
 * {@link #advertise} says otherwise. Like a real server (Postfix) it refuses MAIL while a transaction is open
 * ({@code 503} nested MAIL: a client must RSET after a refused transaction), RCPT before an accepted MAIL
 * ({@code 503}) and DATA without an accepted recipient ({@code 554}, no body read), which a pipelining client meets
 * when an earlier command of its batch was refused; it counts the MAIL commands that arrived pipelined
 * ({@link #pipelinedMails()}). Thread-safe: rules may be changed while clients are connected; each connection runs
 * on its own thread.
 */
public final class FaultSmtpSink implements AutoCloseable {

    /** Where in the SMTP exchange a fault applies: the reply to the greeting, EHLO, MAIL, RCPT, DATA, or the final dot. */
    public enum Stage { GREETING, EHLO, MAIL, RCPT, DATA, END_OF_DATA }

    /**
     * The exchange at the moment the sink is about to reply.
     *
     * @param connection  1 for the first connection the sink accepted, 2 for the next...
     * @param stage       what the reply answers
     * @param mailFrom    the envelope sender of the current transaction (null before MAIL)
     * @param recipients  the recipients given so far (at RCPT: including the one being answered)
     * @param messageId   the Message-ID of the message (only at {@link Stage#END_OF_DATA}; null otherwise or if absent)
     */
    public record Exchange(int connection, Stage stage, String mailFrom, List<String> recipients, String messageId) {

        /** The recipient being answered at RCPT, or the first recipient later on (null before RCPT). */
        public String recipient() {
            return recipients.isEmpty() ? null : recipients.get(recipients.size() - 1);
        }
    }

    /** What became of a message whose DATA was completed. */
    public enum Outcome { ACCEPTED, REFUSED, DROPPED, UNANSWERED }

    /** A message the sink received in full (the final dot arrived), with what it answered. */
    public record Received(int connection, String mailFrom, List<String> recipients, String messageId, String data,
                           Outcome outcome, int replyCode) {

        /** Whether a real server could have delivered it: it was not refused with a 4xx/5xx reply. */
        public boolean kept() {
            return outcome != Outcome.REFUSED;
        }
    }

    /** Decides the fault for one exchange, or null for the normal reply. Must be thread-safe. */
    @FunctionalInterface
    public interface Rule {

        SmtpFault decide(Exchange exchange);

        /** {@code fault} at every {@code stage}. */
        static Rule at(Stage stage, SmtpFault fault) {
            return exchange -> exchange.stage() == stage ? fault : null;
        }

        /** This rule only while it has not fired yet. */
        default Rule once() {
            AtomicBoolean fired = new AtomicBoolean();
            return exchange -> {
                if (fired.get()) {
                    return null;
                }
                SmtpFault fault = decide(exchange);
                return fault != null && fired.compareAndSet(false, true) ? fault : null;
            };
        }

        /**
         * This rule only for transactions to {@code address} (case-insensitive): from RCPT on, since the sink
         * cannot know the recipient at the greeting, EHLO or MAIL (scope those with {@link #once()} instead).
         */
        default Rule forRecipient(String address) {
            return exchange -> exchange.recipients().stream().anyMatch(address::equalsIgnoreCase)
                    ? decide(exchange) : null;
        }

        /** This rule only on the {@code connection}-th connection (1-based). */
        default Rule onConnection(int connection) {
            return exchange -> exchange.connection() == connection ? decide(exchange) : null;
        }

        /** This rule with probability {@code probability} each time it would fire ({@code random} is shared). */
        default Rule withProbability(double probability, Random random) {
            return exchange -> {
                SmtpFault fault = decide(exchange);
                if (fault == null) {
                    return null;
                }
                synchronized (random) {
                    return random.nextDouble() < probability ? fault : null;
                }
            };
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pipelinedMails = new AtomicInteger();
    private volatile boolean pipelining = true;
    private volatile boolean eightBitMime = true;
    private volatile boolean closed;

    private FaultSmtpSink(ServerSocket server) {
        this.server = server;
        threads.execute(this::acceptLoop);
    }

    /** Starts a sink on 127.0.0.1 on a free port. */
    public static FaultSmtpSink start() {
        return start(0);
    }

    /** Starts a sink on 127.0.0.1:{@code port} (0 = a free port). */
    public static FaultSmtpSink start(int port) {
        try {
            return new FaultSmtpSink(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SMTP sink on port " + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Which extensions the EHLO reply lists from now on. */
    public FaultSmtpSink advertise(boolean pipelining, boolean eightBitMime) {
        this.pipelining = pipelining;
        this.eightBitMime = eightBitMime;
        return this;
    }

    /** Adds a rule; the first rule that returns a fault for an exchange decides it. */
    public FaultSmtpSink inject(Rule rule) {
        rules.add(rule);
        return this;
    }

    /** Removes every rule: the sink accepts everything again. */
    public FaultSmtpSink clearFaults() {
        rules.clear();
        return this;
    }

    /** Every message received in full, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The messages a real server could have delivered ({@link Received#kept()}), in order of arrival. */
    public List<Received> kept() {
        return received.stream().filter(Received::kept).toList();
    }

    /** How many times each Message-ID was {@linkplain Received#kept() kept}. */
    public Map<String, Long> keptByMessageId() {
        return kept().stream().collect(Collectors.groupingBy(message -> String.valueOf(message.messageId()),
                Collectors.counting()));
    }

    /** Message-IDs received in full (whatever the reply) more than once: a second DATA for one message. */
    public List<String> repeatedMessageIds() {
        return received.stream().collect(Collectors.groupingBy(message -> String.valueOf(message.messageId()),
                        Collectors.counting()))
                .entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * How many MAIL commands were followed by the client's next command before the sink answered them: the client
     * pipelined them (on loopback, one write arrives whole).
     */
    public int pipelinedMails() {
        return pipelinedMails.get();
    }

    /** How many connections the sink has accepted. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FaultSmtpSink::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> {
                    try {
                        new Session(socket, number).run();
                    } catch (IOException e) {
                        // the client went away
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("SMTP sink accept failed", e);
                }
            }
        }
    }

    private SmtpFault faultFor(Exchange exchange) {
        for (Rule rule : rules) {
            SmtpFault fault = rule.decide(exchange);
            if (fault != null) {
                return fault;
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Signals that the session ends (dropped, or silent until the client leaves). */
    private static final class Ended extends Exception {
        Ended() {
            super(null, null, false, false);
        }
    }

    private final class Session {

        private final Socket socket;
        private final int connection;
        private final BufferedReader in;
        private final OutputStream out;
        private String mailFrom;
        private final List<String> recipients = new ArrayList<>();

        Session(Socket socket, int connection) throws IOException {
            this.socket = socket;
            this.connection = connection;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
        }

        void run() throws IOException {
            try {
                respond(Stage.GREETING, "220 fault-sink ESMTP ready");
                String line;
                while ((line = in.readLine()) != null) {
                    String upper = line.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                        reset();
                        boolean extended = upper.startsWith("EHLO");
                        respond(Stage.EHLO, extended ? ehlo() : "250 fault-sink");
                    } else if (upper.startsWith("AUTH")) {
                        if (upper.trim().equals("AUTH PLAIN")) {
                            send("334 ");
                            in.readLine();
                        }
                        send("235 2.7.0 Authentication successful");
                    } else if (upper.startsWith("MAIL FROM:")) {
                        if (mailFrom != null) {
                            send("503 5.5.1 Error: nested MAIL command");
                            continue;
                        }
                        reset();
                        if (in.ready()) {
                            pipelinedMails.incrementAndGet();
                        }
                        mailFrom = address(line.substring(10));
                        if (respond(Stage.MAIL, "250 2.1.0 Ok")) {
                            mailFrom = null;
                        }
                    } else if (upper.startsWith("RCPT TO:")) {
                        if (mailFrom == null) {
                            send("503 5.5.1 Error: need MAIL command");
                            continue;
                        }
                        recipients.add(address(line.substring(8)));
                        boolean refused = respond(Stage.RCPT, "250 2.1.5 Ok");
                        if (refused) {
                            recipients.remove(recipients.size() - 1);
                        }
                    } else if (upper.startsWith("DATA")) {
                        if (recipients.isEmpty()) {
                            send(mailFrom == null ? "503 5.5.1 Error: need MAIL command"
                                    : "554 5.5.1 Error: no valid recipients");
                        } else if (!respond(Stage.DATA, "354 End data with <CR><LF>.<CR><LF>")) {
                            receiveData();
                        }
                    } else if (upper.startsWith("RSET")) {
                        reset();
                        send("250 2.0.0 Ok");
                    } else if (upper.startsWith("NOOP")) {
                        send("250 2.0.0 Ok");
                    } else if (upper.startsWith("QUIT")) {
                        send("221 2.0.0 Bye");
                        return;
                    } else {
                        send("502 5.5.2 Command not recognized");
                    }
                }
            } catch (Ended ended) {
                // dropped or silent: the session is over
            } catch (SocketException e) {
                // the client closed the connection
            }
        }

        private void receiveData() throws IOException, Ended {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.equals(".")) {
                data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            if (line == null) {
                throw new Ended();
            }
            String text = data.toString();
            String messageId = messageId(text);
            List<String> to = List.copyOf(recipients);
            Exchange exchange = new Exchange(connection, Stage.END_OF_DATA, mailFrom, to, messageId);
            SmtpFault fault = faultFor(exchange);
            SmtpFault effective = fault instanceof SmtpFault.Slow slow ? slow.then() : fault;
            Outcome outcome = effective == null ? Outcome.ACCEPTED
                    : effective instanceof SmtpFault.Reply reply ? (reply.code() >= 400 ? Outcome.REFUSED
                    : Outcome.ACCEPTED)
                    : effective instanceof SmtpFault.Drop ? Outcome.DROPPED : Outcome.UNANSWERED;
            int code = effective == null ? 250 : effective instanceof SmtpFault.Reply reply ? reply.code() : 0;
            received.add(new Received(connection, mailFrom, to, messageId, text, outcome, code));
            reset();
            apply(fault, "250 2.0.0 Ok: queued as " + received.size());
        }

        /** Replies at {@code stage} (fault or normal); returns true when a 4xx/5xx refusal was sent. */
        private boolean respond(Stage stage, String normal)
                throws IOException, Ended {
            SmtpFault fault = faultFor(new Exchange(connection, stage, mailFrom, List.copyOf(recipients), null));
            return apply(fault, normal);
        }

        private boolean apply(SmtpFault fault, String normal) throws IOException, Ended {
            if (fault instanceof SmtpFault.Slow slow) {
                try {
                    Thread.sleep(slow.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Ended();
                }
                fault = slow.then();
            }
            if (fault == null) {
                send(normal);
                return false;
            }
            if (fault instanceof SmtpFault.Reply reply) {
                send(reply.code() + " " + reply.text());
                if (reply.code() == 421) {
                    throw new Ended();
                }
                return reply.code() >= 400;
            }
            if (fault instanceof SmtpFault.Silence) {
                while (in.readLine() != null) {
                    // say nothing until the client leaves
                }
            }
            throw new Ended();
        }

        private String ehlo() {
            List<String> lines = new ArrayList<>(List.of("fault-sink", "AUTH PLAIN", "SIZE 10485760"));
            if (pipelining) {
                lines.add("PIPELINING");
            }
            if (eightBitMime) {
                lines.add("8BITMIME");
            }
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                reply.append(i == 0 ? "" : "\r\n").append(250).append(i == lines.size() - 1 ? ' ' : '-')
                        .append(lines.get(i));
            }
            return reply.toString();
        }

        private void reset() {
            mailFrom = null;
            recipients.clear();
        }

        private void send(String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static String address(String argument) {
        String trimmed = argument.trim();
        int open = trimmed.indexOf('<');
        int close = trimmed.indexOf('>');
        return open >= 0 && close > open ? trimmed.substring(open + 1, close) : trimmed.split("\\s+")[0];
    }

    /** The Message-ID header of a message (unfolded, with its angle brackets), or null. */
    static String messageId(String data) {
        String headers = data.split("\r\n\r\n", 2)[0].replaceAll("\r\n[ \t]+", " ");
        for (String header : headers.split("\r\n")) {
            if (header.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                return header.substring(11).trim();
            }
        }
        return null;
    }
}
