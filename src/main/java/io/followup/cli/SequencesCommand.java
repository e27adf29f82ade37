package io.followup.cli;

import io.followup.sequence.SequenceDefinition;
import picocli.CommandLine.Command;

/** {@code followup sequences}: the configured sequence names, one per line. */
@Command(name = "sequences", mixinStandardHelpOptions = true, description = "List the configured sequences.",
        subcommands = SequencesReloadCommand.class)
public final class SequencesCommand extends DaemonCommand {


    @Override
    public Integer call() {
        config.load(environment).sequences().stream().map(SequenceDefinition::name).sorted()
                .forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
