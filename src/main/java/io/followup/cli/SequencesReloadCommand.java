package io.followup.cli;

import io.followup.FollowupException;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.sequence.SequenceReload;
import io.followup.template.TemplateEngine;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code followup sequences reload}: validates the sequence files and templates and has the running daemon apply them
 * (through its command socket, on the embedded database). On a database server there is no socket: the files are
 * validated here and the command says how to make the daemon reload (SIGHUP).
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Re-read the sequence files and templates in the running daemon. Everything is validated "
                + "first: a broken file changes nothing and the error names its file and line. Running enrollments "
                + "keep their steps by id (see the README, \"Reloading sequences\").",
                "On a database server (no command socket) the files are only validated: send SIGHUP to the daemon "
                        + "(systemctl reload followup) on every node."})
public final class SequencesReloadCommand extends DaemonCommand {


    @Override
    public Integer call() {
        ConfigOption.Loaded loaded = validated(() -> config.load(environment));
        AppConfig fresh = loaded.config();
        PrintWriter out = spec.commandLine().getOut();
        Optional<Daemon> running = config.runningDaemon(fresh);
        if (running.isPresent()) {
            SequenceReload.Report report = validated(() -> running.get().reload(loaded.sequences()));
            out.println("reloaded: " + report.summary());
            out.flush();
            return 0;
        }
        TemplateEngine templates = new TemplateEngine(fresh.templatesDir());
        validated(() -> {
            templates.requireNoProblems();
            return templates;
        });
        out.println("valid: " + loaded.sequences().size() + " sequence(s), " + templates.names().size()
                + " template(s)");
        if (ConfigOption.embedded(fresh)) {
            out.println("not reloaded: no daemon is running on " + fresh.dataDir().toAbsolutePath().normalize()
                    + " (no " + CommandSocket.FILE_NAME + "); followup run reads them when it starts");
        } else {
            out.println("not reloaded: a daemon on a database server has no command socket; have it re-read them "
                    + "with: systemctl reload followup (or kill -HUP <pid of followup run>). "
                    + "In a cluster every node reloads on its own SIGHUP: reload each one.");
        }
        out.flush();
        return 0;
    }

    /** Runs {@code step}; a problem it reports (bad input) says that nothing was reloaded. */
    private static <T> T validated(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (FollowupException e) {
            if (e.kind() != FollowupException.Kind.BAD_INPUT) {
                throw e;
            }
            throw FollowupException.badInput(e.getMessage() + "; nothing was reloaded", e);
        }
    }
}
