package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.testing.CliFolder;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestMail;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code followup run} on the embedded database, as a child process started with umask 0022: it listens on nothing
 * but its web port, its data files are owner-only, the README's commands from "another terminal" (this JVM) reach
 * its data through the command socket, a second daemon gets an error naming the lock, and another user gets
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningDaemonIT {

    @TempDir
    static Path base;

    private TestMail mail;
    private Process daemon;
    private CliFolder cli;
    private Path dataDir;
    private int webPort;

    @BeforeAll
    void startDaemon() throws IOException {
        mail = new TestMail();
        dataDir = base.resolve("data");
        webPort = freePort();
        cli = CliFolder.at(base).sequence(CliFolder.TWO_STEPS).approval().mail(mail).more("""
                scheduler:
                  dispatch_interval: 200ms
                  outbox_interval: 200ms
                web:
                  listen: "127.0.0.1:%d"
                """.formatted(webPort)).write();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "umask 022; exec \"$@\"", "sh", java,
                "-cp", System.getProperty("java.class.path"), "io.followup.cli.Main", "run", "--config",
                "config/followup.yaml")
                .directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("daemon.log").toFile());
        builder.environment().putAll(cli.environment());
        daemon = builder.start();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .failFast("the daemon exited", () -> !daemon.isAlive())
                    .until(() -> Files.exists(dataDir.resolve(CommandSocket.FILE_NAME))
                            && listening().contains(webPort));
        } catch (RuntimeException notStarted) {
            throw new AssertionError("the daemon did not start; its log:\n" + log(), notStarted);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
        mail.close();
    }

    @Test
    void theDaemonListensOnNothingButItsWebPort() throws IOException {
        assertThat(listening()).containsExactly(webPort);
    }

    @Test
    void theDataDirectoryAndItsFilesAreOwnerOnlyUnderUmask022() throws IOException {
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("followup.mv.db")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(CommandSocket.FILE_NAME)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.toList()) {
                assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).doesNotContain(
                        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
            }
        }
    }

    @Test
    void theReadmeCommandsFromAnotherTerminalReachTheRunningDaemon() {
        CliFolder.Result enroll = run("enroll", "--sequence", "intro", "--email", "maya@example.org", "--name", "Maya Patel",
                "--field", "met_at=the Lisbon Product Summit", "--field", "topic=pricing experiments");
        assertThat(enroll.code()).as(enroll.err()).isZero();
        assertThat(enroll.out()).contains("maya@example.org");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> run("drafts", "list").out().contains("maya@example.org"));
        CliFolder.Result drafts = run("drafts", "list");
        assertThat(drafts.out()).contains("pending_approval", "maya@example.org", "intro step 1");

        CliFolder.Result suppress = run("suppress", "add", "@spam.example", "--reason", "test");
        assertThat(suppress.code()).as(suppress.err()).isZero();
        assertThat(run("suppress", "list").out()).contains("spam.example");

        CliFolder.Result pause = run("pause", "--all");
        assertThat(pause.code()).as(pause.err()).isZero();
        assertThat(pause.out()).contains("paused");

        CliFolder.Result missing = run("drafts", "show", "424242");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("followup: no draft #424242");

        CliFolder.Result status = run("db", "status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("0 pending");
    }

    @Test
    void aRelativeFileNamedOnTheCommandLineIsReadFromTheClientsWorkingDirectory() {
        Path csv = Path.of("").toAbsolutePath().relativize(base.resolve("people.csv"));
        TestConfigs.write(base.resolve("people.csv"), "email,name\nlin@example.org,Lin Wu\n");

        CliFolder.Result enroll = run("enroll", "--sequence", "intro", "--csv", csv.toString());

        assertThat(enroll.code()).as(enroll.err()).isZero();
        assertThat(enroll.out()).contains("1 enrolled");
    }

    @Test
    void aSecondDaemonOnTheSameDataDirectoryGetsAnErrorNamingTheLock() {
        CliFolder.Result second = run("run");

        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).contains("the embedded database " + dataDir.toAbsolutePath() + "/followup.mv.db"
                + " is locked by another process");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterTheDaemonIsKilledCommandsOpenTheDatabaseThemselves() throws InterruptedException {
        daemon.destroyForcibly().waitFor();

        CliFolder.Result list = run("suppress", "list");

        assertThat(list.code()).as(list.err()).isZero();
    }

    @Test
    void anotherUserCannotReachTheSocketOrTheFiles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to act as another user");
        String probe = """
                import socket, sys
                results = []
                try:
                    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); results.append("socket: connected")
                except OSError as e:
                    results.append("socket: " + type(e).__name__)
                try:
                    open(sys.argv[2], "rb").read(1); results.append("file: read")
                except OSError as e:
                    results.append("file: " + type(e).__name__)
                print(";".join(results))
                """;
        Process other = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", probe, dataDir.resolve(CommandSocket.FILE_NAME).toString(),
                dataDir.resolve("followup.mv.db").toString()).redirectErrorStream(true).start();
        String output = new String(other.getInputStream().readAllBytes()).strip();
        assertThat(other.waitFor()).as(output).isZero();

        assertThat(output).isEqualTo("socket: PermissionError;file: PermissionError");
    }

    private CliFolder.Result run(String... args) {
        return cli.run(args);
    }

    /** The TCP ports the daemon listens on and the UDP ports it has bound, from /proc. */
    private Set<Integer> listening() throws IOException {
        Set<String> inodes = new HashSet<>();
        Path fds = Path.of("/proc", String.valueOf(daemon.pid()), "fd");
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listing
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = Path.of("/proc", String.valueOf(daemon.pid()), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                boolean bound = table.startsWith("udp") || columns[3].equals("0A");
                if (bound && inodes.contains(columns[9])) {
                    ports.add(Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private String log() {
        try {
            return Files.readString(base.resolve("daemon.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
