package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.cli.Main;
import io.followup.testing.CliFolder;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orderly shutdown: a chore asking for the web port while the daemon closes does not deadlock; {@code run} on the
 * embedded database stopped by SIGTERM logs no database error; {@code demo} stopped by SIGTERM or SIGINT (Ctrl-C)
 * prints its JSON summary as its last line and no stack trace. The commands run as child processes.
 */
class ShutdownIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path base;

    @Test
    void theWebPortAnswersWhileCloseHoldsTheDaemon() throws Exception {
        try (TestMail mail = new TestMail(); TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2, base)) {
            Daemon daemon = Daemon.open(TestConfigs.aConfig(base, mail, database), TestConfigs.intro(),
                    new MutableClock(Instant.now()));
            daemon.start();
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread closing = new Thread(() -> {
                synchronized (daemon) {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            closing.start();
            held.await();
            try {
                int port = CompletableFuture.supplyAsync(daemon::webPort).get(5, TimeUnit.SECONDS);
                assertThat(port).isPositive();
            } finally {
                release.countDown();
                closing.join();
                daemon.close();
            }
            assertThat(daemon.webPort()).isEqualTo(-1);
        }
    }

    @Test
    void runOnTheEmbeddedDatabaseStopsCleanlyOnSigterm() throws Exception {
        try (TestMail mail = new TestMail()) {
            TestConfigs.writeTemplates(base.resolve("templates"));
            TestConfigs.write(base.resolve("config/sequences/intro.yaml"), CliFolder.ONE_STEP);
            Path config = base.resolve("config/followup.yaml");
            TestConfigs.write(config, """
                    node_id: shutdown-test
                    data_dir: %1$s/data
                    templates_dir: %1$s/templates
                    sequences_dir: %1$s/config/sequences
                    web: {listen: "127.0.0.1:0"}
                    scheduler: {dispatch_interval: 100ms, outbox_interval: 100ms}
                    owners:
                      - name: Olivia Owner
                        email: %2$s
                    mailboxes:
                      - name: main
                        address: %2$s
                        smtp: {host: 127.0.0.1, port: %3$d, security: plain, username: %2$s, password: %4$s}
                        imap: {host: 127.0.0.1, port: %5$d, security: plain, username: %2$s, password: %4$s}
                    """.formatted(base, TestMail.OWNER, mail.smtpPort(), TestMail.OWNER_PASSWORD, mail.imapPort()));
            try (Child run = Child.start(base, "run", "--config", config.toString())) {
                await().atMost(PATIENCE).until(() -> run.err().contains("running:"));

                run.signal("TERM");

                assertThat(run.waitFor()).as("exit code after SIGTERM (143 = 128 + SIGTERM, as for every JVM)")
                        .isIn(0, 143);
                assertThat(run.err()).contains("stopped").doesNotContain("already closed").doesNotContain("rollback")
                        .doesNotContain("ERROR").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void demoStoppedWithSigtermPrintsItsSummaryLast() throws Exception {
        demoStoppedWith("TERM");
    }

    @Test
    void demoStoppedWithCtrlCPrintsItsSummaryLast() throws Exception {
        demoStoppedWith("INT");
    }

    private void demoStoppedWith(String signal) throws Exception {
        try (Child demo = Child.start(base, "demo", "--port", "0")) {
            await().atMost(PATIENCE).until(() -> demo.out().contains("the queue"));

            demo.signal(signal);

            demo.waitFor();
            List<String> lines = demo.out().lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines.get(lines.size() - 1)).as("stderr:%n%s", demo.err()).startsWith("{\"sent\":")
                    .endsWith("}");
            assertThat(demo.out() + demo.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /**
     * followup's main class in a child JVM with this test's class path; output goes to files. Closing it kills the
     * child if it still runs (a test that failed before the child stopped leaves no JVM behind).
     */
    private record Child(Process process, Path outFile, Path errFile) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        static Child start(Path base, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            Path out = base.resolve("child.out");
            Path err = base.resolve("child.err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("FOLLOWUP_HOME", Path.of("").toAbsolutePath().toString());
            return new Child(builder.start(), out, err);
        }

        void signal(String name) throws Exception {
            assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor())
                    .isZero();
        }

        /** What each thread of the child is doing (jcmd Thread.print), to see where a shutdown hangs. */
        String threadDump() {
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
                String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                jcmd.waitFor(30, TimeUnit.SECONDS);
                return dump;
            } catch (IOException | InterruptedException e) {
                return "(no thread dump: " + e + ")";
            }
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                String threads = threadDump();
                process.destroyForcibly();
                throw new AssertionError("the child did not stop within 120 s; stderr:\n" + err() + "\nits threads:\n"
                        + threads);
            }
            return process.exitValue();
        }

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
