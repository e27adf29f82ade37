package io.followup.cli;

import io.followup.sequence.SequenceDefinition;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code followup sequences}: the configured sequence names, one per line. */
@Command(name = "sequences", mixinStandardHelpOptions = true, description = "List the configured sequences.",
        subcommands = SequencesReloadCommand.class)
public final class SequencesCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    SequencesCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        config.load(environment).sequences().stream().map(SequenceDefinition::name).sorted()
                .forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
