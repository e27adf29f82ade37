package io.followup.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;

/** {@code followup resume (--enrollment ID | --sequence NAME | --all | --everything [--mailbox NAME])}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume paused enrollments. A step that fell due meanwhile goes out now; the steps after it wait their full time (no burst of the backlog).")
public final class ResumeCommand extends DaemonCommand {

    /** An argument group, not a mixin: picocli lists a mixin's group options twice in the help. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    EnrollmentSelection selection;

    @Override
    public Integer call() {
        if (selection.everything()) {
            return selection.stopSwitch(spec, config, environment, false, "cli resume");
        }
        return selection.apply(spec, config, environment, "resumed", "not paused",
                (control, target) -> control.resume(target, "cli resume"));
    }
}
