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

    /** {@code --everything [--mailbox NAME]}: the stop switch instead of enrollments. */
    @picocli.CommandLine.ArgGroup(exclusive = false)
    Everything stopSwitch;

    /** The stop switch's options: {@code --everything} is required once the group is used. */
    static final class Everything {

        @Option(names = "--everything", required = true, description = "pause/resume only: the stop switch. Holds "
                + "back ALL outgoing mail (steps, notices, check-ins, thank-yous, digests) of the daemon, or of "
                + "--mailbox, until 'resume --everything'; holds across restarts.")
        boolean everything;

        @Option(names = "--mailbox", paramLabel = "NAME",
                description = "With --everything: only this mailbox's outgoing mail.")
        String mailbox;
    }

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

    /**
     * Turns the stop switch on ({@code pause --everything}) or off ({@code resume --everything}) for the daemon or
     * {@code --mailbox}, and prints what changed; exit code 1 when it already was so.
     */
    int stopSwitch(CommandSpec spec, ConfigOption config, Map<String, String> environment, boolean stop,
                   String by) {
        try (Daemon daemon = config.openDaemon(environment)) {
            String mailbox = stopSwitch.mailbox;
            String scope = mailbox == null ? io.followup.outbox.StopSwitch.EVERYTHING : mailbox;
            if (mailbox != null && !daemon.catalog().mailboxes().values().stream()
                    .anyMatch(configured -> configured.name().equals(mailbox))) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--mailbox: no mailbox named \"" + mailbox + "\"");
            }
            String what = mailbox == null ? "all outgoing mail" : "outgoing mail of mailbox " + mailbox;
            boolean changed = stop ? daemon.stopSwitch().stop(scope, by, daemon.clock().instant())
                    : daemon.stopSwitch().resume(scope);
            PrintWriter out = changed ? spec.commandLine().getOut() : spec.commandLine().getErr();
            out.println(changed ? (stop ? "stopped " + what + " until 'followup resume --everything"
                    + (mailbox == null ? "" : " --mailbox " + mailbox) + "'" : "resumed " + what)
                    : "followup: " + what + (stop ? " is stopped already" : " was not stopped"));
            out.flush();
            return changed ? 0 : 1;
        }
    }

    /** Whether the stop switch ({@code --everything}) was chosen instead of enrollments. */
    boolean everything() {
        return stopSwitch != null && stopSwitch.everything;
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
