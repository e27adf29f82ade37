package io.followup.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code followup pause (--enrollment ID | --sequence NAME | --all | --everything [--mailbox NAME])}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause enrollments until resumed by hand: nothing is drafted or sent for them meanwhile.")
public final class PauseCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    /** An argument group, not a mixin: picocli lists a mixin's group options twice in the help. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    EnrollmentSelection selection;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    PauseCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (selection.everything()) {
            return selection.stopSwitch(spec, config, environment, true, "cli pause");
        }
        return selection.apply(spec, config, environment, "paused", "not active",
                (control, target) -> control.pause(target, "cli pause"));
    }
}
