package io.followup.cli;

import io.followup.sequence.EnrollmentControl;
import picocli.CommandLine.Command;

/** {@code followup pause (--enrollment ID | --sequence NAME | --all | --everything [--mailbox NAME])}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause enrollments until resumed by hand: nothing is drafted or sent for them meanwhile.")
public final class PauseCommand extends EnrollmentCommand {

    public PauseCommand() {
        super(new Action("pause", "paused", "not active", EnrollmentControl::pause, StopSwitchUse.STOP));
    }
}
