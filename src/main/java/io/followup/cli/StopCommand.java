package io.followup.cli;

import io.followup.sequence.EnrollmentControl;
import picocli.CommandLine.Command;

/** {@code followup stop (--enrollment ID | --sequence NAME | --all)}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop enrollments for good and cancel their unsent drafts.")
public final class StopCommand extends EnrollmentCommand {

    public StopCommand() {
        super(new Action("stop", "stopped", "not live", EnrollmentControl::stop, StopSwitchUse.REFUSED));
    }
}
