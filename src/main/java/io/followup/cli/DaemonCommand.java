package io.followup.cli;

import io.followup.app.Daemon;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * What a command that works on the configured daemon adds to {@link CliCommand}: the {@code --config} option. A subclass declares its own options
 * and, in {@link #call()}, does its work {@link #withDaemon on the open daemon} or with the fields alone. One
 * instance per command line; not thread-safe.
 */
abstract class DaemonCommand extends CliCommand {

    @Mixin
    ConfigOption config;


    /** The work of a command on an open daemon. */
    @FunctionalInterface
    interface Work {
        /** Does it, writing to {@code out}; returns the exit code. */
        int run(Daemon daemon, PrintWriter out);
    }

    /** Opens the daemon, does {@code work}, flushes the output and closes the daemon; the exit code of the work. */
    final int withDaemon(Work work) {
        return onDaemon(daemon -> {
            PrintWriter out = spec.commandLine().getOut();
            int exitCode = work.run(daemon, out);
            out.flush();
            return exitCode;
        });
    }

    /** Opens the daemon, applies {@code work} to it and closes it; what the work returns. */
    final <T> T onDaemon(Function<Daemon, T> work) {
        try (Daemon daemon = config.openDaemon(environment)) {
            return work.apply(daemon);
        }
    }
}
