package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.sequence.SequenceDefinition;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP for {@code followup run} ({@code systemctl reload followup}): re-reads the configuration file and the
 * sequence files and has the daemon reload its sequences and templates ({@link Daemon#reload}), logging at INFO
 * what was reloaded or why nothing was. Every node of a cluster reloads on its own signal. The reload runs on its own
 * thread, one at a time (a signal that arrives meanwhile reloads again afterwards), never on the JVM's signal thread.
 */
final class ReloadSignal {

    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {
    }

    /** Handles SIGHUP from now on; {@code sequences} loads and validates the configuration and sequence files. */
    static void install(Daemon daemon, Supplier<List<SequenceDefinition>> sequences) {
        ExecutorService reloads = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "followup-reload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Signal.handle(new Signal("HUP"), signal -> reloads.execute(() -> reload(daemon, sequences)));
            log.info("SIGHUP re-reads the sequences and templates");
        } catch (IllegalArgumentException unsupported) {
            log.warn("SIGHUP cannot be handled on this platform ({}); use followup sequences reload",
                    unsupported.getMessage());
        }
    }

    private static void reload(Daemon daemon, Supplier<List<SequenceDefinition>> sequences) {
        log.info("SIGHUP: re-reading the sequences and templates");
        try {
            log.info("SIGHUP: reloaded: {}", daemon.reload(sequences.get()).summary());
        } catch (RuntimeException e) {
            log.error("SIGHUP: nothing was reloaded: {}", Main.oneLine(e));
        }
    }
}
