package io.followup.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real daemon ({@code followup run --config FILE}) as a child JVM, for tests that crash it: start it and wait
 * until it says it is running, {@link #kill()} it with SIGKILL (no shutdown hook runs, exactly like {@code kill -9}),
 * {@link #restart()} it, read what it logged. Every start appends standard output and standard error to one log
 * file, with a marker line per start. Also runs one-shot commands ({@link #command}) the same way, e.g.
 * {@code drafts list --state in_doubt} against the daemon's database once it is stopped.
 *
 * <p>The child's class path is, in order: the system property {@code followup.daemon.classpath}, else the class
 * path of this JVM (under Maven: target/classes, target/test-classes and every dependency; a Surefire/Failsafe
 * manifest jar works as well). Not thread-safe: one test thread drives one instance.
 */
public final class DaemonProcess implements AutoCloseable {

    /** The line the daemon logs once its chores, watchers and web endpoint are up. */
    public static final Pattern READY = Pattern.compile("followup daemon \\S+ running");
    private static final String MAIN = "io.followup.cli.Main";

    private final Builder settings;
    private Process process;
    private long logOffset;
    private int starts;

    private DaemonProcess(Builder settings) {
        this.settings = settings;
    }

    /** Settings for a daemon that reads {@code configFile} (relative paths in it resolve against the work dir). */
    public static Builder forConfig(Path configFile) {
        return new Builder(configFile);
    }

    /** How to start the child: work directory, log file, environment, JVM options, ready timeout. */
    public static final class Builder {

        private final Path configFile;
        private Path workDir;
        private Path logFile;
        private final Map<String, String> environment = new LinkedHashMap<>(Map.of("FOLLOWUP_LOG_LEVEL", "INFO"));
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"));
        /** 90 s, or {@code -Ddaemon.ready.seconds=N} (a long harness run on a loaded machine needs more). */
        private Duration readyTimeout = Duration.ofSeconds(Integer.getInteger("daemon.ready.seconds", 90));

        private Builder(Path configFile) {
            this.configFile = configFile.toAbsolutePath();
        }

        /** The child's working directory; default: the config file's directory. */
        public Builder workDir(Path directory) {
            this.workDir = directory.toAbsolutePath();
            return this;
        }

        /** Where standard output and error go (appended); default: {@code daemon.log} in the work dir. */
        public Builder log(Path file) {
            this.logFile = file.toAbsolutePath();
            return this;
        }

        /** Sets an environment variable of the child (e.g. a secret the config reads with {@code {env: ...}}). */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Adds a JVM option (e.g. {@code -Dfoo=bar}). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** How long {@link DaemonProcess#start()} waits for {@link #READY}; default 90 s. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** Starts the daemon and waits until it is running. */
        public DaemonProcess start() {
            DaemonProcess daemon = launch();
            try {
                daemon.awaitReady();
            } catch (RuntimeException e) {
                daemon.kill(); // else it would live on, orphaned, after the caller's failure
                throw e;
            }
            return daemon;
        }

        /** Starts the daemon without waiting (see {@link DaemonProcess#awaitReady()}). */
        public DaemonProcess launch() {
            if (workDir == null) {
                workDir = configFile.getParent();
            }
            if (logFile == null) {
                logFile = workDir.resolve("daemon.log");
            }
            DaemonProcess daemon = new DaemonProcess(this);
            daemon.spawn();
            return daemon;
        }
    }

    /** The outcome of a one-shot command. */
    public record CommandResult(int exitCode, String output) {
    }

    /**
     * Runs {@code followup ARGS} in a child JVM (same class path and options as a daemon, working directory
     * {@code workDir}) and waits up to {@code timeout} for it; standard output and error are merged.
     */
    public static CommandResult command(Path workDir, Duration timeout, String... args) {
        try {
            Path output = Files.createTempFile("followup-command", ".out");
            try {
                List<String> line = javaCommand(new Builder(workDir.resolve("unused")).jvmOptions);
                line.addAll(List.of(args));
                Process process = new ProcessBuilder(line).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("followup " + String.join(" ", args) + " did not finish within "
                            + timeout + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new CommandResult(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running followup " + String.join(" ", args), e);
        }
    }

    /** Waits until the current run logs {@link #READY}; fails with the log's tail if it exits or times out first. */
    public void awaitReady() {
        long deadline = System.nanoTime() + settings.readyTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            String log = logSince(logOffset);
            if (READY.matcher(log).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the daemon exited with " + process.exitValue()
                        + " before it was running:\n" + tail(log));
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the daemon was not running within " + settings.readyTimeout + ":\n"
                + tail(logSince(logOffset)));
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook, no cleanup; waits until the process is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM: the daemon's orderly shutdown; waits up to {@code timeout}, then kills it. Returns the exit code. */
    public int stop(Duration timeout) {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(timeout)) {
                kill();
            }
        }
        return process.exitValue();
    }

    /** Kills the current run if it is alive, then starts a new one and waits until it is running. */
    public DaemonProcess restart() {
        kill();
        spawn();
        awaitReady();
        return this;
    }

    /** Kills the current run if it is alive and starts a new one without waiting (see {@link #awaitReady()}). */
    public DaemonProcess relaunch() {
        kill();
        spawn();
        return this;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** How many times the daemon was started (1 after {@link Builder#start()}). */
    public int starts() {
        return starts;
    }

    public Path logFile() {
        return settings.logFile;
    }

    /** Everything every run logged so far. */
    public String log() {
        return logSince(0);
    }

    /** Kills the daemon if it still runs. */
    @Override
    public void close() {
        kill();
    }

    private void spawn() {
        try {
            Files.createDirectories(settings.logFile.getParent());
            starts++;
            Files.writeString(settings.logFile, "=== start " + starts + " of " + settings.configFile + " ===\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            logOffset = Files.size(settings.logFile);
            List<String> line = javaCommand(settings.jvmOptions);
            line.addAll(List.of("run", "--config", settings.configFile.toString()));
            ProcessBuilder builder = new ProcessBuilder(line).directory(settings.workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(Redirect.appendTo(settings.logFile.toFile()));
            builder.environment().putAll(settings.environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the daemon for " + settings.configFile, e);
        }
    }

    private static List<String> javaCommand(List<String> jvmOptions) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmOptions);
        line.add("-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider");
        line.add("-cp");
        line.add(classpath());
        line.add(MAIN);
        return line;
    }

    /** The class path a child JVM gets (see the class comment). */
    public static String classpath() {
        String explicit = System.getProperty("followup.daemon.classpath");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String own = System.getProperty("java.class.path");
        if (own == null || own.isBlank()) {
            throw new IllegalStateException("no class path for the daemon: set -Dfollowup.daemon.classpath");
        }
        return own.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the daemon", e);
        }
    }

    private String logSince(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(settings.logFile);
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the daemon", e);
        }
    }
}
