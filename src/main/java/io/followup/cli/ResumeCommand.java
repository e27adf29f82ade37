package io.followup.cli;

import io.followup.sequence.EnrollmentControl;
import picocli.CommandLine.Command;

/** {@code followup resume (--enrollment ID | --sequence NAME | --all | --everything [--mailbox NAME])}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume paused enrollments. A step that fell due meanwhile goes out now; the steps after it wait their full time (no burst of the backlog).")
public final class ResumeCommand extends EnrollmentCommand {

    public ResumeCommand() {
        super(new Action("resume", "resumed", "not paused", EnrollmentControl::resume, StopSwitchUse.RESUME));
    }
}
