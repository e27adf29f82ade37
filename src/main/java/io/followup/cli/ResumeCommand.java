package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.sequence.EnrollmentControl;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code followup resume (--enrollment ID | --sequence NAME | --all)}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume paused enrollments. A step that fell due meanwhile goes out now; the steps after it wait their full time (no burst of the backlog).")
public final class ResumeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    EnrollmentSelection selection;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    ResumeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (Daemon daemon = Daemon.open(config.load(environment), Clock.systemUTC())) {
            EnrollmentControl.Outcome outcome = daemon.control().resume(selection.target(), "cli resume");
            boolean nothing = outcome.changed() == 0 && outcome.unchanged() > 0;
            PrintWriter out = nothing ? spec.commandLine().getErr() : spec.commandLine().getOut();
            out.printf((nothing ? "followup: " : "") + "resumed %d enrollment(s)%s%n", outcome.changed(),
                    outcome.unchanged() == 0 ? "" : "; " + outcome.unchanged() + " not paused, unchanged");
            out.flush();
            return nothing ? 1 : 0;
        }
    }
}
