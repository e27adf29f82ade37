package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.contact.ContactSpec;
import io.followup.sequence.Enrollment;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code followup enroll}: enroll one contact in a sequence. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enroll a contact in a sequence (creating or updating the contact). The first step goes out "
                + "as soon as the running daemon dispatches it.")
public final class EnrollCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--sequence", required = true, paramLabel = "NAME", description = "Sequence to enroll in.")
    String sequence;

    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The contact's address.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "Full name (first name is taken from it).")
    String name;

    @Option(names = "--first-name", paramLabel = "NAME")
    String firstName;

    @Option(names = "--last-name", paramLabel = "NAME")
    String lastName;

    @Option(names = "--company", paramLabel = "NAME")
    String company;

    @Option(names = "--tier", paramLabel = "1-5", description = "1 = most important (default 3).")
    Integer tier;

    @Option(names = "--goal", paramLabel = "GOAL", description = "partner, client, resource, mentor...")
    String goal;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "IANA time zone, e.g. Europe/Berlin.")
    String timeZone;

    @Option(names = "--field", paramLabel = "KEY=VALUE",
            description = "A custom field for templates, e.g. --field met_at=\"the Lisbon meetup\". Repeatable.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--introduced-by", paramLabel = "ADDRESS", description = "An existing contact who introduced this one.")
    String introducedBy;

    private final Map<String, String> environment;

    EnrollCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ContactSpec contact = new ContactSpec(email, name, firstName, lastName, company, tier, goal, timeZone,
                List.of(), fields, introducedBy);
        try (Daemon daemon = Daemon.open(config.load(environment), Clock.systemUTC())) {
            Enrollment enrollment = daemon.enrollments().enroll(contact, sequence, "cli enroll");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("enrolled %s in %s (enrollment #%d); step 1 due %s%n", email.trim(), sequence,
                    enrollment.id(), enrollment.nextDueAt());
            out.flush();
        }
        return 0;
    }
}
