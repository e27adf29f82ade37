package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.contact.Suppression;
import io.followup.contact.SuppressionList;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code followup suppress add|remove|list}: the do-not-contact list. */
@Command(name = "suppress", mixinStandardHelpOptions = true,
        description = "The do-not-contact list: addresses and whole domains (@example.com, which covers its "
                + "subdomains). Suppressed contacts are never enrolled or sent anything; their live enrollments "
                + "stop at their next step.",
        subcommands = {SuppressCommand.Add.class, SuppressCommand.Remove.class, SuppressCommand.ListEntries.class})
public final class SuppressCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code followup suppress add ADDRESS|@DOMAIN... [--reason TEXT]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Suppress addresses or @domains.")
    static final class Add implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS|@DOMAIN")
        List<String> entries;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "by hand",
                description = "Why (default: ${DEFAULT-VALUE}).")
        String reason;

        private final Map<String, String> environment;

        Add(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            entries.forEach(SuppressionList::normalize);
            try (Daemon daemon = config.openDaemon(environment)) {
                PrintWriter out = spec.commandLine().getOut();
                for (String entry : entries) {
                    Instant now = daemon.clock().instant();
                    boolean added = daemon.database().jdbi().inTransaction(handle ->
                            daemon.suppressions().add(handle, entry, reason, "cli suppress", now));
                    out.println((added ? "suppressed " : "already suppressed: ") + SuppressionList.normalize(entry));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code followup suppress remove ADDRESS|@DOMAIN...}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove addresses or @domains.")
    static final class Remove implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS|@DOMAIN")
        List<String> entries;

        private final Map<String, String> environment;

        Remove(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            entries.forEach(SuppressionList::normalize);
            int missing = 0;
            try (Daemon daemon = config.openDaemon(environment)) {
                PrintWriter out = spec.commandLine().getOut();
                for (String entry : entries) {
                    Instant now = daemon.clock().instant();
                    boolean removed = daemon.database().jdbi().inTransaction(handle ->
                            daemon.suppressions().remove(handle, entry, "cli suppress", now));
                    if (removed) {
                        out.println("removed " + SuppressionList.normalize(entry));
                    } else {
                        spec.commandLine().getErr().println("followup: not suppressed: "
                                + SuppressionList.normalize(entry));
                        missing++;
                    }
                }
                out.flush();
                spec.commandLine().getErr().flush();
            }
            return missing == 0 ? 0 : 1;
        }
    }

    /** {@code followup suppress list}: one entry per line, tab-separated. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the entries: ENTRY<TAB>REASON<TAB>SOURCE<TAB>ADDED (UTC).")
    static final class ListEntries implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        ListEntries(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (Daemon daemon = config.openDaemon(environment)) {
                List<Suppression> entries = daemon.database().jdbi().withHandle(daemon.suppressions()::list);
                PrintWriter out = spec.commandLine().getOut();
                for (Suppression entry : entries) {
                    out.println(entry.entry() + "\t" + entry.reason() + "\t" + entry.source() + "\t"
                            + entry.createdAt().truncatedTo(ChronoUnit.SECONDS));
                }
                out.flush();
            }
            return 0;
        }
    }
}
