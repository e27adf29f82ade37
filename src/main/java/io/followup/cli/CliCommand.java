package io.followup.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: picocli's spec (for the output and usage errors) and the environment it runs in,
 * handed over by {@link Main}'s factory when picocli creates the command, so a subclass declares no constructor.
 * One instance per command line; not thread-safe.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The process environment (FOLLOWUP_HOME, secrets named by the configuration...). */
    Map<String, String> environment = Map.of();
}
