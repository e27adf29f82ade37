package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;

/**
 * {@code followup run}: the daemon, until it is stopped (SIGTERM or Ctrl-C). SIGHUP re-reads the sequences and
 * templates ({@link ReloadSignal}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: send due follow-ups, watch the inboxes, act on replies. "
                + "Uses the embedded database under data_dir when no database is configured.")
public final class RunCommand extends DaemonCommand {


    @Override
    public Integer call() throws InterruptedException {
        ConfigOption.Loaded loaded = config.load(environment);
        AppConfig appConfig = loaded.config();
        appConfig.resolveSecrets();
        CountDownLatch stopped = new CountDownLatch(1);
        Daemon daemon = Daemon.open(appConfig, loaded.sequences(), Clock.systemUTC());
        AtomicReference<CommandSocket> commands = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CommandSocket socket = commands.getAndSet(null);
            if (socket != null) {
                socket.close();
            }
            daemon.close();
            stopped.countDown();
        }, "followup-shutdown"));
        daemon.start();
        commands.set(openCommandSocket(appConfig, daemon, environment));
        ReloadSignal.install(daemon, () -> config.load(environment).sequences());
        stopped.await();
        return 0;
    }

    /**
     * On the embedded database, the socket through which commands from another terminal run in this daemon (no
     * other process can open the database while it runs); null on a shared database server.
     */
    static CommandSocket openCommandSocket(AppConfig config, Daemon daemon, Map<String, String> environment) {
        if (!Database.isEmbedded(config.database() == null ? null : config.database().url())) {
            return null;
        }
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        return CommandSocket.open(dataDir, (args, workingDirectory, out, err) -> Main.runHosted(args, out, err,
                environment, new ConfigOption.Host(workingDirectory, dataDir, daemon)));
    }
}
