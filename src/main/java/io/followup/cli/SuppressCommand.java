package io.followup.cli;

import io.followup.contact.Suppression;
import io.followup.contact.SuppressionList;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code followup suppress add|remove|list}: the do-not-contact list. */
@Command(name = "suppress", mixinStandardHelpOptions = true,
        description = "The do-not-contact list: addresses and whole domains (@example.com, which covers its "
                + "subdomains). Suppressed contacts are never enrolled or sent anything; their live enrollments "
                + "stop at their next step.",
        subcommands = {SuppressCommand.Add.class, SuppressCommand.Remove.class, SuppressCommand.ListEntries.class})
public final class SuppressCommand extends CommandGroup {

    /** {@code followup suppress add ADDRESS|@DOMAIN... [--reason TEXT]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Suppress addresses or @domains.")
    static final class Add extends DaemonCommand {
        @Parameters(arity = "1..*", paramLabel = "ADDRESS|@DOMAIN")
        List<String> entries;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "by hand",
                description = "Why (default: ${DEFAULT-VALUE}).")
        String reason;

        @Override
        public Integer call() {
            entries.forEach(SuppressionList::normalize);
            return withDaemon((daemon, out) -> {
                for (String entry : entries) {
                    Instant now = daemon.clock().instant();
                    boolean added = daemon.database().jdbi().inTransaction(handle ->
                            daemon.suppressions().add(handle, entry, reason, "cli suppress", now));
                    out.println((added ? "suppressed " : "already suppressed: ") + SuppressionList.normalize(entry));
                }
                return 0;
            });
        }
    }

    /** {@code followup suppress remove ADDRESS|@DOMAIN...}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove addresses or @domains.")
    static final class Remove extends DaemonCommand {
        @Parameters(arity = "1..*", paramLabel = "ADDRESS|@DOMAIN")
        List<String> entries;

        @Override
        public Integer call() {
            entries.forEach(SuppressionList::normalize);
            return withDaemon((daemon, out) -> {
                int missing = 0;
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
                spec.commandLine().getErr().flush();
                return missing == 0 ? 0 : 1;
            });
        }
    }

    /** {@code followup suppress list}: one entry per line, tab-separated. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the entries: ENTRY<TAB>REASON<TAB>SOURCE<TAB>ADDED (UTC).")
    static final class ListEntries extends DaemonCommand {
        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                List<Suppression> entries = daemon.database().jdbi().withHandle(daemon.suppressions()::list);
                for (Suppression entry : entries) {
                    out.println(entry.entry() + "\t" + entry.reason() + "\t" + entry.source() + "\t"
                            + entry.createdAt().truncatedTo(ChronoUnit.SECONDS));
                }
                return 0;
            });
        }
    }
}
