package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.keepintouch.Cadence;
import io.followup.keepintouch.KeepInTouch;
import io.followup.keepintouch.KeepInTouchService;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code followup keep-in-touch set EMAIL --every PERIOD | clear EMAIL | list}: keep-in-touch cadences. */
@Command(name = "keep-in-touch", mixinStandardHelpOptions = true,
        description = "Keep-in-touch cadences: a check-in draft is prepared when one is due; any mail from the "
                + "contact restarts the clock.",
        subcommands = {KeepInTouchCommand.Set.class, KeepInTouchCommand.Clear.class, KeepInTouchCommand.ListAll.class})
public final class KeepInTouchCommand implements Runnable {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
    static final class Set implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL", description = "An existing contact's address.")
        String email;

        @Option(names = "--every", required = true, paramLabel = "PERIOD", converter = CadenceConverter.class,
                description = "weekly, monthly, quarterly or a period such as \"45 days\".")
        Cadence cadence;

        private final Map<String, String> environment;

        Set(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (Daemon daemon = config.openDaemon(environment)) {
                KeepInTouch row = daemon.keepInTouch().set(email, cadence, "cli keep-in-touch set");
                spec.commandLine().getOut().printf("%s: keep in touch %s; first check-in due %s%n", email.trim(),
                        row.cadence(), MINUTE.format(row.nextDueAt()));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Take a contact off its cadence.")
    static final class Clear implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL", description = "The contact's address.")
        String email;

        private final Map<String, String> environment;

        Clear(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (Daemon daemon = config.openDaemon(environment)) {
                boolean cleared = daemon.keepInTouch().clear(email, "cli keep-in-touch clear");
                spec.commandLine().getOut().printf("%s: %s%n", email.trim(),
                        cleared ? "keep-in-touch cadence cleared" : "had no keep-in-touch cadence");
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cadences, soonest due first.")
    static final class ListAll implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        ListAll(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (Daemon daemon = config.openDaemon(environment)) {
                PrintWriter out = spec.commandLine().getOut();
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
                out.flush();
            }
            return 0;
        }
    }
}
