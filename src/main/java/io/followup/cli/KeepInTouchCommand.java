package io.followup.cli;

import io.followup.sequence.timing.Cadence;
import io.followup.keepintouch.KeepInTouch;
import io.followup.keepintouch.KeepInTouchService;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code followup keep-in-touch set EMAIL --every PERIOD | clear EMAIL | list}: keep-in-touch cadences. */
@Command(name = "keep-in-touch", mixinStandardHelpOptions = true,
        description = "Keep-in-touch cadences: a check-in draft is prepared when one is due; any mail from the "
                + "contact restarts the clock.",
        subcommands = {KeepInTouchCommand.Set.class, KeepInTouchCommand.Clear.class, KeepInTouchCommand.ListAll.class})
public final class KeepInTouchCommand extends CommandGroup {

    /** Parses {@code --every}; a bad value is a usage error naming what was expected. */
    static final class CadenceConverter implements CommandLine.ITypeConverter<Cadence> {
        @Override
        public Cadence convert(String value) {
            try {
                return Cadence.parse(value);
            } catch (IllegalArgumentException invalid) {
                throw new CommandLine.TypeConversionException(invalid.getMessage());
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Put a contact on a cadence (replacing any other); the first check-in is due one period "
                    + "from now.")
    static final class Set extends DaemonCommand {
        @Parameters(paramLabel = "EMAIL", description = "An existing contact's address.")
        String email;

        @Option(names = "--every", required = true, paramLabel = "PERIOD", converter = CadenceConverter.class,
                description = "weekly, monthly, quarterly or a period such as \"45 days\".")
        Cadence cadence;

        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                KeepInTouch row = daemon.keepInTouch().set(email, cadence, "cli keep-in-touch set");
                out.printf("%s: keep in touch %s; first check-in due %s%n", email.trim(),
                        row.cadence(), MINUTE.format(row.nextDueAt()));
                return 0;
            });
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Take a contact off its cadence.")
    static final class Clear extends DaemonCommand {
        @Parameters(paramLabel = "EMAIL", description = "The contact's address.")
        String email;

        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                boolean cleared = daemon.keepInTouch().clear(email, "cli keep-in-touch clear");
                out.printf("%s: %s%n", email.trim(),
                        cleared ? "keep-in-touch cadence cleared" : "had no keep-in-touch cadence");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cadences, soonest due first.")
    static final class ListAll extends DaemonCommand {
        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                List<KeepInTouchService.Listed> rows = daemon.keepInTouch().list(1000);
                if (rows.isEmpty()) {
                    out.println("no keep-in-touch cadences");
                }
                for (KeepInTouchService.Listed row : rows) {
                    KeepInTouch cadence = row.keepInTouch();
                    out.printf("%s  %s  next check-in %s  last heard from %s%n", row.contact().email(),
                            cadence.cadence(), MINUTE.format(cadence.nextDueAt()),
                            cadence.lastContactAt() == null ? "-" : MINUTE.format(cadence.lastContactAt()));
                }
                return 0;
            });
        }
    }
}
