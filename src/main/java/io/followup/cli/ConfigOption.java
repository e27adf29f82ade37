package io.followup.cli;

import io.followup.FollowupException;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.SequenceLoader;
import io.followup.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option shared by the commands that read the configuration, and the way those commands
 * reach the database: directly, or, when a daemon holds the embedded database, by having that daemon run the
 * command (see {@link CommandSocket}).
 */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/followup.yaml",
            description = "Configuration file (default: ${DEFAULT-VALUE}). Relative paths in it resolve against the "
                    + "working directory.")
    Path file;

    /** Set when the command runs inside a daemon on behalf of a client of its command socket; null otherwise. */
    Host host;

    /** The daemon a command runs in: the client's working directory, the daemon's data directory, the daemon. */
    record Host(Path workingDirectory, Path dataDir, Daemon daemon) {

        Database database() {
            return daemon.database();
        }
    }

    /**
     * The configuration file and the sequence files of its {@code sequences_dir}, loaded and validated together.
     *
     * @param sequences sorted by name
     */
    public record Loaded(AppConfig config, List<SequenceDefinition> sequences) {

        /** The sequence called {@code name}, if there is one. */
        public Optional<SequenceDefinition> sequence(String name) {
            return sequences.stream().filter(sequence -> sequence.name().equals(name)).findFirst();
        }
    }

    /**
     * Loads and validates the configuration file, then its sequence files; a problem is one line naming the file, line
     * and key.
     */
    public Loaded load(Map<String, String> environment) {
        Path base = host == null ? Path.of("").toAbsolutePath() : host.workingDirectory();
        AppConfig config = new ConfigLoader(base, environment).load(file);
        return new Loaded(config, SequenceLoader.load(config, base));
    }

    /**
     * Opens the database of the configured daemon for a command: migrated and synced, on the system clock, with no
     * chores, watchers or web server started. Close it when done (inside a running daemon, closing leaves the
     * daemon's database open). When a running daemon holds the embedded database, throws {@link DaemonRunning}:
     * {@link Main} then has that daemon run the whole command.
     */
    public Daemon openDaemon(Map<String, String> environment) {
        Loaded loaded = load(environment);
        AppConfig config = loaded.config();
        if (host != null) {
            return Daemon.open(config, loaded.sequences(), Clock.systemUTC(), hostDatabase(config));
        }
        handOverIfDaemonRuns(config);
        return Daemon.open(config, loaded.sequences(), Clock.systemUTC());
    }

    /**
     * Opens the configured database, not migrated (for {@code db migrate|status}); close it when done. Hands the
     * command over to a running daemon as {@link #openDaemon} does.
     */
    public Database openDatabase(Map<String, String> environment) {
        AppConfig config = load(environment).config();
        if (host != null) {
            return hostDatabase(config);
        }
        handOverIfDaemonRuns(config);
        return Daemon.openDatabase(config);
    }

    /**
     * The running daemon this command runs in (through its command socket), or empty when the command runs in its own
     * process; when a daemon holds the embedded database {@code config} names, throws {@link DaemonRunning} so that
     * {@link Main} has that daemon run the command.
     */
    Optional<Daemon> runningDaemon(AppConfig config) {
        if (host != null) {
            hostDatabase(config);
            return Optional.of(host.daemon());
        }
        handOverIfDaemonRuns(config);
        return Optional.empty();
    }

    private static void handOverIfDaemonRuns(AppConfig config) {
        if (embedded(config)) {
            CommandSocket.connect(config.dataDir()).ifPresent(channel -> {
                throw new DaemonRunning(channel);
            });
        }
    }

    private Database hostDatabase(AppConfig config) {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        if (!embedded(config) || !dataDir.equals(host.dataDir())) {
            throw FollowupException.badInput("this daemon serves the embedded database in " + host.dataDir()
                    + "; the configuration " + file + " names " + (embedded(config) ? dataDir : "another database"));
        }
        return host.database().borrowed(); // the daemon sends meanwhile: a command never changes its database's settings
    }

    static boolean embedded(AppConfig config) {
        return Database.isEmbedded(config.database() == null ? null : config.database().url());
    }
}
