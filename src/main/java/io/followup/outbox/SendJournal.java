package io.followup.outbox;

import io.followup.store.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's local record of its SMTP attempts, so that a process killed in the middle of a batch leaves only the
 * message it was actually transmitting {@code in_doubt}: a line {@code C id...} is written when a batch is claimed,
 * {@code B id} before the first byte of a message's SMTP transaction and {@code A id ...} as soon as the server
 * accepted it. At the next start ({@link OutboxRecovery}) a claimed message still in {@code sending} is
 * <ul>
 *     <li>recorded as sent when the journal says the server accepted it,</li>
 *     <li>given back to the queue when the journal saw it claimed and never begun,</li>
 *     <li>{@code in_doubt} otherwise: its transaction had begun, or the journal does not know it (a claim made by
 *     another process under the same node id, or one the process was killed before writing down).</li>
 * </ul>
 * The journal is written with plain {@code write} calls, no {@code fsync}: what a killed process wrote is in the
 * kernel's page cache and survives it, but not a crash of the machine. So the journal is trusted only when it was
 * written since the current boot of the machine (Linux's {@code boot_id}, in its first line) by this node; otherwise,
 * and on any system without a boot id, every abandoned claim is {@code in_doubt} as before. A claim is only ever
 * given back when the journal is trusted and has no line for it, so a lost or unreadable journal can never cause
 * a second send. Thread-safe: the mailboxes of one node append to one file.
 */
public final class SendJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SendJournal.class);
    private static final String HEADER = "followup send journal v1";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** Lines after which the file is rewritten with only the messages still in {@code sending}. */
    private static final int COMPACT_AFTER = 20_000;

    private final Path file;
    private final String nodeId;
    private final String bootId;
    private final Function<Collection<Long>, Set<Long>> stillSending;
    private FileChannel channel;
    private int lines;

    /**
     * What the journal says of one message claimed by this run: whether its SMTP transaction began, and the server's
     * verdict if it accepted it.
     */
    public record Attempt(long outboundId, boolean begun, SmtpReply accepted, Instant acceptedAt) {

        public boolean wasAccepted() {
            return accepted != null;
        }
    }

    /**
     * @param directory    the node's data directory (the journal is a file in it, one per node id)
     * @param stillSending which of the given outbound ids are still in {@code sending} (read when the file is compacted)
     */
    public SendJournal(Path directory, String nodeId, Function<Collection<Long>, Set<Long>> stillSending) {
        this(directory, nodeId, readBootId(BOOT_ID), stillSending);
    }

    SendJournal(Path directory, String nodeId, String bootId, Function<Collection<Long>, Set<Long>> stillSending) {
        this.file = directory == null ? null
                : directory.resolve("send-journal-" + nodeId.replaceAll("[^A-Za-z0-9._-]", "_"));
        this.nodeId = nodeId;
        this.bootId = bootId;
        this.stillSending = stillSending;
    }

    /** No journal: every claim a killed process abandons is {@code in_doubt} (a sender or recovery built in code). */
    public static SendJournal none() {
        return new SendJournal(null, "", null, ids -> Set.of());
    }

    /**
     * The attempts of the previous run of this node, by outbound id, when the journal can be trusted (written since
     * this boot by this node); empty when it cannot, or there is none. Call once, before {@link #start()}.
     */
    public Optional<Map<Long, Attempt>> replay() {
        if (file == null || bootId == null) {
            return Optional.empty();
        }
        List<String> content;
        try {
            content = completeLines(file);
        } catch (NoSuchFileException e) {
            // no journal: a first start, or the data directory was replaced; nothing can be trusted about claims
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            log.warn("the send journal {} cannot be read ({}): every abandoned claim is in doubt", file, e.toString());
            return Optional.empty();
        }
        if (content.isEmpty() || !content.get(0).equals(header())) {
            log.info("the send journal {} is from another boot or node: every abandoned claim is in doubt", file);
            return Optional.empty();
        }
        Map<Long, Attempt> attempts = new HashMap<>();
        for (String line : content.subList(1, content.size())) {
            parse(line, attempts);
        }
        return Optional.of(attempts);
    }

    private static void parse(String line, Map<Long, Attempt> attempts) {
        String[] parts = line.split(" ", 5);
        try {
            if (parts[0].equals("C")) {
                for (String id : line.substring(2).split(" ")) {
                    long claimed = Long.parseLong(id);
                    attempts.put(claimed, new Attempt(claimed, false, null, null));
                }
                return;
            }
            long id = Long.parseLong(parts[1]);
            if (parts[0].equals("B") && parts.length == 2) {
                attempts.put(id, new Attempt(id, true, null, null));
            } else if (parts[0].equals("A") && parts.length == 5) {
                attempts.put(id, new Attempt(id, true, SmtpReply.of(Integer.parseInt(parts[3]), parts[4]),
                        Instant.ofEpochMilli(Long.parseLong(parts[2]))));
            }
        } catch (RuntimeException malformed) {
            log.warn("send journal: a line that is not understood is skipped: {}", line);
        }
    }

    /**
     * The lines of {@code file} that were written whole. The last line of a killed process can be cut short; it is
     * left out, which is right for each kind: a claim not written down is in doubt, a transaction whose B line was
     * not written had not begun, and an acceptance not written down leaves the message in doubt (its B came first).
     */
    private static List<String> completeLines(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new java.util.ArrayList<>(List.of(content.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last newline: empty, or a line cut short
        return lines;
    }

    /**
     * Starts a new journal for this run, once the previous one has been replayed and acted on
     * ({@link OutboxRecovery#recoverOwn()}). A sender used before that (a daemon that was not started) starts one
     * that a later replay does not trust, so claims abandoned by an earlier run are never given back by mistake.
     */
    public synchronized void start() {
        start(true);
    }

    private void start(boolean trusted) {
        if (file == null) {
            return;
        }
        close();
        try {
            Files.createDirectories(file.getParent());
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            writeOwnerOnly(fresh, (trusted ? header() : HEADER + " untrusted") + "\n");
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            lines = 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the send journal " + file, e);
        }
    }

    /** The messages of a batch this node has just claimed (committed {@code sending}). */
    public void claimed(Collection<Long> outboundIds) {
        if (!outboundIds.isEmpty()) {
            StringBuilder line = new StringBuilder("C");
            outboundIds.forEach(id -> line.append(' ').append(id));
            append(line.append('\n').toString());
        }
    }

    /** Before the first byte of {@code outboundId}'s SMTP transaction. */
    public void beginning(long outboundId) {
        append("B " + outboundId + "\n");
    }

    /** The server accepted {@code outboundId} (its reply to the final dot). */
    public void accepted(long outboundId, SmtpReply reply, Instant at) {
        String text = reply.text() == null ? "" : reply.text().replace('\n', ' ').replace('\r', ' ');
        append("A " + outboundId + " " + at.toEpochMilli() + " " + reply.code() + " " + text + "\n");
    }

    private synchronized void append(String line) {
        if (file == null) {
            return;
        }
        if (channel == null) {
            start(false);
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (++lines >= COMPACT_AFTER) {
                compact();
            }
        } catch (IOException e) {
            // without its line the message must not be sent: a kill would give back a claim that was attempted
            throw new UncheckedIOException("cannot write the send journal " + file, e);
        }
    }

    /** Rewrites the file with the lines of the messages still in {@code sending}. */
    private void compact() throws IOException {
        Map<Long, Attempt> attempts = new HashMap<>();
        List<String> written = completeLines(file);
        for (String line : written.subList(1, written.size())) {
            parse(line, attempts);
        }
        Set<Long> live = stillSending.apply(attempts.keySet());
        StringBuilder kept = new StringBuilder(written.get(0)).append('\n');
        int count = 1;
        for (Attempt attempt : attempts.values()) {
            if (live.contains(attempt.outboundId())) {
                kept.append("C ").append(attempt.outboundId()).append('\n');
                count++;
                if (attempt.begun()) {
                    kept.append("B ").append(attempt.outboundId()).append('\n');
                    count++;
                }
                if (attempt.wasAccepted()) {
                    kept.append("A ").append(attempt.outboundId()).append(' ')
                            .append(attempt.acceptedAt().toEpochMilli()).append(' ').append(attempt.accepted().code())
                            .append(' ').append(attempt.accepted().text()).append('\n');
                    count++;
                }
            }
        }
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        writeOwnerOnly(fresh, kept);
        channel.close();
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = count;
    }

    /** Like every file of the data directory, readable and writable by the owner only, whatever the umask. */
    private static void writeOwnerOnly(Path fresh, CharSequence content) throws IOException {
        Files.writeString(fresh, content, StandardCharsets.UTF_8);
        if (Files.getFileAttributeView(fresh, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(fresh, DataDirectory.FILE);
        }
    }

    private String header() {
        return HEADER + " boot=" + bootId + " node=" + nodeId;
    }

    static String readBootId(Path bootIdFile) {
        try {
            String id = Files.readString(bootIdFile, StandardCharsets.US_ASCII).strip();
            return id.isEmpty() ? null : id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing the send journal: {}", e.toString());
            }
            channel = null;
        }
    }
}
