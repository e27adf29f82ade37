package io.followup.cli;

import io.followup.demo.Demo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code followup demo [--seconds N]}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything in one process with no setup: an embedded mail server, an embedded database, "
                + "the sample sequence, simulated recipients and an accelerated clock. Prints progress, then one JSON "
                + "summary line.")
public final class DemoCommand extends CliCommand {

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "0",
            description = "Stop after N real seconds (default: run until Ctrl-C).")
    int seconds;

    @Option(names = "--port", paramLabel = "P", defaultValue = "-1",
            description = "The web UI's port on 127.0.0.1 (default: 8080 when free, else any free port; 0: any).")
    int port;


    @Override
    public Integer call() throws InterruptedException {
        if (seconds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must be 0 (until Ctrl-C) or more, got " + seconds);
        }
        if (port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 0 to 65535, got " + port);
        }
        String home = environment.getOrDefault("FOLLOWUP_HOME", "");
        PrintWriter out = spec.commandLine().getOut();
        AtomicReference<Demo> started = new AtomicReference<>();
        CountDownLatch interrupted = new CountDownLatch(1);
        // registered before the demo starts, so that a signal during the start still ends with the summary: the hook
        // waits for the start (same lock), then finishes the demo
        Thread hook = new Thread(() -> {
            synchronized (started) {
                Demo running = started.get();
                String summary = running == null ? null : running.finish();
                if (summary != null) {
                    out.println();
                    out.println(summary);
                    out.flush();
                }
            }
            interrupted.countDown();
        }, "followup-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Demo demo;
        synchronized (started) {
            try {
                demo = Demo.start(Path.of(home.isBlank() ? "." : home).toAbsolutePath().normalize(), out, port);
            } catch (RuntimeException e) {
                Runtime.getRuntime().removeShutdownHook(hook);
                throw e;
            }
            started.set(demo);
        }
        boolean stoppedEarly = seconds == 0 ? waitForever(interrupted)
                : interrupted.await(seconds, TimeUnit.SECONDS);
        if (!stoppedEarly) {
            Runtime.getRuntime().removeShutdownHook(hook);
            String summary = demo.finish();
            if (summary != null) {
                out.println();
                out.println(summary);
                out.flush();
            }
        }
        return 0;
    }

    private static boolean waitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return true;
    }
}
