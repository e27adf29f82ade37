package io.followup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real Dovecot IMAP server on a loopback port, with one user whose Maildir the test writes to directly. Besides
 * the inbox the user has a Junk folder marked {@code \Junk} (RFC 6154) under a name no fallback guesses,
 * {@link #JUNK_FOLDER}. Needs
 * the {@code dovecot-imapd} package (installed by {@code .ci/run}) and root (to run the mail user as nobody);
 * {@link #available()} says whether this machine can run it.
 */
public final class TestDovecot implements AutoCloseable {

    private static final AtomicLong DELIVERIES = new AtomicLong();

    public static final String USER = TestMail.OWNER;
    public static final String PASSWORD = "dovecot-pw";
    /** The folder Dovecot marks {@code \Junk}. */
    public static final String JUNK_FOLDER = "Unwanted Mail";
    private static final Path BINARY = Path.of("/usr/sbin/dovecot");

    private final Path dir;
    private final int port;
    private final String user;
    private Process process;

    /** Starts Dovecot in a new temporary folder (readable by Dovecot's own unprivileged processes). */
    public TestDovecot() {
        this(null, USER, PASSWORD);
    }

    /** A Dovecot whose one user is {@code user} with the password {@code password} (e.g. a benchmark's owner). */
    public static TestDovecot withUser(String user, String password) {
        return new TestDovecot(null, user, password);
    }

    /**
     * A Dovecot whose only login is SASL XOAUTH2/OAUTHBEARER, checked by its {@code oauth2} passdb against the RFC 7662
     * introspection endpoint {@code introspection} (POSTed the token; {@code active} and {@code email} read).
     */
    public static TestDovecot withOAuth2(java.net.URI introspection) {
        return new TestDovecot(introspection, USER, PASSWORD);
    }

    private TestDovecot(java.net.URI introspection, String user, String password) {
        this.dir = traversableTempDir();
        this.port = freePort();
        this.user = user;
        write(dir.resolve("users"), user + ":{PLAIN}" + password + "\n");
        write(dir.resolve("dovecot-oauth2.conf.ext"), introspection == null ? "" : """
                introspection_mode = post
                introspection_url = %s
                username_attribute = email
                active_attribute = active
                active_value = true
                """.formatted(introspection));
        String passdb = introspection == null ? """
                auth_mechanisms = plain login
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/users
                }""" : """
                auth_mechanisms = xoauth2 oauthbearer
                passdb {
                  driver = oauth2
                  mechanisms = xoauth2 oauthbearer
                  args = %1$s/dovecot-oauth2.conf.ext
                }""";
        write(dir.resolve("dovecot.conf"), ("""
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                listen = 127.0.0.1
                protocols = imap
                ssl = no
                disable_plaintext_auth = no
                default_internal_user = dovecot
                default_login_user = dovenull
                """ + passdb + """

                %4$s                namespace inbox {
                  inbox = yes
                  mailbox "%3$s" {
                    special_use = \\Junk
                    auto = subscribe
                  }
                }
                %5$s                """).formatted(dir.toAbsolutePath(), port, JUNK_FOLDER, maildirUsers(dir.resolve("home")),
                imapListener(port)));
        for (String folder : new String[] {"new", "cur", "tmp"}) {
            mkdirs(maildir().resolve(folder));
            mkdirs(folderDir(JUNK_FOLDER).resolve(folder));
        }
        chownToNobody(dir.resolve("home"));
        start();
    }

    /**
     * The users of a test Dovecot: each one a maildir under {@code home}, all files owned by nobody. A part of its
     * configuration, shared with {@link TestPostfixDovecot}.
     */
    static String maildirUsers(Path home) {
        return """
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home=%s/%%u
                }
                mail_location = maildir:~/Maildir
                """.formatted(home.toAbsolutePath());
    }

    /**
     * Plain IMAP on {@code 127.0.0.1:port} (no IMAPS), announcing new mail to an IDLE client within a second. A part of
     * a test Dovecot's configuration, shared with {@link TestPostfixDovecot}.
     */
    static String imapListener(int port) {
        return """
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                protocol imap {
                  imap_idle_notify_interval = 1 secs
                }
                """.formatted(port);
    }

    /** True when Dovecot is installed and we are root; otherwise tests using it are skipped. */
    public static boolean available() {
        return Files.isExecutable(BINARY) && "root".equals(System.getProperty("user.name"));
    }

    public int port() {
        return port;
    }

    public Path maildir() {
        return dir.resolve("home").resolve(user).resolve("Maildir");
    }

    /** Drops a raw message into the inbox, as a local delivery agent would. */
    public void deliver(byte[] raw) {
        deliverInto(maildir(), raw);
    }

    /** Drops a raw message into the Junk folder ({@link #JUNK_FOLDER}), as a spam filter at delivery would. */
    public void deliverToJunk(byte[] raw) {
        deliverInto(folderDir(JUNK_FOLDER), raw);
    }

    /**
     * A maildir file name that sorts in delivery order: Dovecot gives the files it finds in new/ their UIDs in name
     * order, and two deliveries in one millisecond with only a random part after the time came out in either order.
     */
    private static String fileName() {
        return System.currentTimeMillis() + "." + String.format("%09d", DELIVERIES.incrementAndGet()) + "."
                + UUID.randomUUID() + ".followup-test";
    }

    private static void deliverInto(Path maildir, byte[] raw) {
        String name = fileName();
        Path temporary = maildir.resolve("tmp").resolve(name);
        try {
            Files.write(temporary, raw);
            Files.move(temporary, maildir.resolve("new").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Maildir++ directory of a folder below the inbox. */
    private Path folderDir(String folder) {
        return maildir().resolve("." + folder);
    }

    /**
     * Drops a message into the inbox that Dovecot cannot read (no read permission for its mail user): it is listed,
     * but its size and body cannot be fetched. Returns its file name for {@link #makeReadable}.
     */
    public String deliverUnreadable(byte[] raw) {
        String name = fileName();
        Path temporary = maildir().resolve("tmp").resolve(name);
        try {
            Files.write(temporary, raw);
            Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
            Files.move(temporary, maildir().resolve("new").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    /** Gives a message delivered with {@link #deliverUnreadable} its read permission back (wherever Dovecot moved it). */
    public void makeReadable(String name) {
        try (Stream<Path> files = Stream.concat(Files.list(maildir().resolve("new")), Files.list(maildir().resolve("cur")))) {
            Path file = files.filter(candidate -> candidate.getFileName().toString().startsWith(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " is not in " + maildir()));
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and starts it again on the same port, keeping the mail and its UIDs. */
    public void restart() throws InterruptedException {
        stop();
        start();
    }

    /** Stops the server, forgets every UID (a new UIDVALIDITY, as after a mailbox rebuild) and starts it again. */
    public void resetUidValidity() throws InterruptedException {
        stop();
        long oldUidValiditySecond = System.currentTimeMillis() / 1000; // the old one was chosen no later than now
        try (Stream<Path> files = Files.list(maildir())) {
            files.filter(file -> file.getFileName().toString().startsWith("dovecot"))
                    .forEach(TestDovecot::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.list(maildir().resolve("cur"))) {
            files.forEach(file -> {
                try {
                    Files.move(file, maildir().resolve("new").resolve(file.getFileName().toString().split(":")[0]));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Dovecot takes the time in seconds as the new UIDVALIDITY: it must be later than the old one
        Awaitility.await("the next second").pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5))
                .until(() -> System.currentTimeMillis() / 1000 > oldUidValiditySecond);
        start();
    }

    private void start() {
        try {
            delete(dir.resolve("run/master.pid"));
            process = new ProcessBuilder(BINARY.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening(port, "dovecot", dir);
    }

    /** Waits up to 15 s until something accepts connections on the loopback port. */
    static void awaitListening(int port, String server, Path dir) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException(server + " did not listen on 127.0.0.1:" + port + "; see " + dir);
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(TestDovecot::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: JUnit's TempDir cleans up what is left
        }
    }

    static Path traversableTempDir() {
        try {
            Path created = Files.createTempDirectory("followup-dovecot-");
            Files.setPosixFilePermissions(created, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chownToNobody(Path path) {
        chown("nobody:nogroup", path);
    }

    /** {@code chown -R owner path}. */
    static void chown(String owner, Path path) {
        try {
            Process chown = new ProcessBuilder("chown", "-R", owner, path.toString()).inheritIO().start();
            if (chown.waitFor() != 0) {
                throw new IllegalStateException("chown of " + path + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkdirs(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
