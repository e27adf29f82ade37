package io.followup.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;

/** {@code followup stop (--enrollment ID | --sequence NAME | --all)}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop enrollments for good and cancel their unsent drafts.")
public final class StopCommand extends DaemonCommand {

    /** An argument group, not a mixin: picocli lists a mixin's group options twice in the help. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    EnrollmentSelection selection;

    @Override
    public Integer call() {
        if (selection.everything()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--everything: stopping all mail is 'followup pause --everything' (undone by resume --everything)");
        }
        return selection.apply(spec, config, environment, "stopped", "not live",
                (control, target) -> control.stop(target, "cli stop"));
    }
}
