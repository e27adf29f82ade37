package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code followup run}: the daemon, until it is stopped (SIGTERM or Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: send due follow-ups, watch the inboxes, act on replies. "
                + "Uses the embedded database under data_dir when no database is configured.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    private final Map<String, String> environment;

    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        AppConfig appConfig = config.load(environment);
        appConfig.resolveSecrets();
        CountDownLatch stopped = new CountDownLatch(1);
        Daemon daemon = Daemon.open(appConfig, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "followup-shutdown"));
        daemon.start();
        stopped.await();
        return 0;
    }
}
