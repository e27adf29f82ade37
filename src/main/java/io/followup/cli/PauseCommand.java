package io.followup.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;

/** {@code followup pause (--enrollment ID | --sequence NAME | --all | --everything [--mailbox NAME])}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause enrollments until resumed by hand: nothing is drafted or sent for them meanwhile.")
public final class PauseCommand extends DaemonCommand {

    /** An argument group, not a mixin: picocli lists a mixin's group options twice in the help. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    EnrollmentSelection selection;

    @Override
    public Integer call() {
        if (selection.everything()) {
            return selection.stopSwitch(spec, config, environment, true, "cli pause");
        }
        return selection.apply(spec, config, environment, "paused", "not active",
                (control, target) -> control.pause(target, "cli pause"));
    }
}
