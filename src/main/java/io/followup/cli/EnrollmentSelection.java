package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.sequence.EnrollmentControl;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --enrollment ID | --sequence NAME | --all}: which enrollments pause, resume and stop act on. Commands declare
 * it as an exclusive {@code @ArgGroup} with multiplicity 1.
 */
public final class EnrollmentSelection {

    @Option(names = "--enrollment", paramLabel = "ID", description = "One enrollment.")
    Long enrollment;

    @Option(names = "--sequence", paramLabel = "NAME", description = "Every live enrollment of a sequence.")
    String sequence;

    @Option(names = "--all", description = "Every live enrollment.")
    boolean all;

    /**
     * Opens the daemon's database, applies {@code action} to the selected enrollments and prints what changed
     * ({@code "paused 3 enrollment(s)"}); exit code 1 with the message on standard error when nothing could change.
     */
    int apply(CommandSpec spec, ConfigOption config, Map<String, String> environment, String done,
              String unchangedState, BiFunction<EnrollmentControl, EnrollmentControl.Target, EnrollmentControl.Outcome> action) {
        try (Daemon daemon = config.openDaemon(environment)) {
            EnrollmentControl.Outcome outcome = action.apply(daemon.control(), target());
            boolean nothing = outcome.changed() == 0 && outcome.unchanged() > 0;
            PrintWriter out = nothing ? spec.commandLine().getErr() : spec.commandLine().getOut();
            out.printf((nothing ? "followup: " : "") + "%s %d enrollment(s)%s%n", done, outcome.changed(),
                    outcome.unchanged() == 0 ? "" : "; " + outcome.unchanged() + " " + unchangedState + ", unchanged");
            out.flush();
            return nothing ? 1 : 0;
        }
    }

    EnrollmentControl.Target target() {
        if (enrollment != null) {
            return new EnrollmentControl.Target.One(enrollment);
        }
        if (sequence != null) {
            return new EnrollmentControl.Target.Sequence(sequence);
        }
        return new EnrollmentControl.Target.All();
    }
}
