package io.followup.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code followup stop (--enrollment ID | --sequence NAME | --all)}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop enrollments for good and cancel their unsent drafts.")
public final class StopCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    /** An argument group, not a mixin: picocli lists a mixin's group options twice in the help. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    EnrollmentSelection selection;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    StopCommand(Map<String, String> environment) {
        this.environment = environment;
    }

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
