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

/** {@code followup pause (--enrollment ID | --sequence NAME | --all)}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause enrollments until resumed by hand: nothing is drafted or sent for them meanwhile.")
public final class PauseCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    EnrollmentSelection selection;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    PauseCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (Daemon daemon = Daemon.open(config.load(environment), Clock.systemUTC())) {
            EnrollmentControl.Outcome outcome = daemon.control().pause(selection.target(), "cli pause");
            boolean nothing = outcome.changed() == 0 && outcome.unchanged() > 0;
            PrintWriter out = nothing ? spec.commandLine().getErr() : spec.commandLine().getOut();
            out.printf((nothing ? "followup: " : "") + "paused %d enrollment(s)%s%n", outcome.changed(),
                    outcome.unchanged() == 0 ? "" : "; " + outcome.unchanged() + " not active, unchanged");
            out.flush();
            return nothing ? 1 : 0;
        }
    }
}
