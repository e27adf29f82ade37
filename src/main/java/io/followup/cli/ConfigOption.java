package io.followup.cli;

import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that read the configuration. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/followup.yaml",
            description = "Configuration file (default: ${DEFAULT-VALUE}). Relative paths in it resolve against the "
                    + "working directory.")
    Path file;

    /** Loads and validates the configuration; a problem is one line naming the file, line and key. */
    public AppConfig load(Map<String, String> environment) {
        return new ConfigLoader(Path.of("").toAbsolutePath(), environment).load(file);
    }

    /**
     * Opens the database of the configured daemon for a command: migrated and synced, on the system clock, with no
     * chores, watchers or web server started. Close it when done.
     */
    public io.followup.app.Daemon openDaemon(Map<String, String> environment) {
        return io.followup.app.Daemon.open(load(environment), java.time.Clock.systemUTC());
    }
}
