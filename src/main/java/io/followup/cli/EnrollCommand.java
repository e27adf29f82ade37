package io.followup.cli;

import io.followup.contact.ContactSpec;
import io.followup.contact.CsvImport;
import io.followup.sequence.Enrollment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code followup enroll}: enroll one contact, or every row of a CSV file, in a sequence. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enroll a contact in a sequence (creating or updating the contact). The first step goes out "
                + "as soon as the running daemon dispatches it.",
                "With --csv FILE: a header row, then one contact per row. Columns: email (required), name, "
                        + "first_name, last_name, company, tier (1-5), goal, time_zone (IANA), tags (';'-separated), "
                        + "introduced_by, and custom fields as field:NAME (e.g. field:met_at). Every bad row is "
                        + "reported with its line number; nothing is imported from a file with errors unless "
                        + "--skip-bad-rows."})
public final class EnrollCommand extends DaemonCommand {
    @Option(names = "--sequence", required = true, paramLabel = "NAME", description = "Sequence to enroll in.")
    String sequence;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "The contact's address.")
    String email;

    @Option(names = "--csv", paramLabel = "FILE", description = "Enroll every row of a CSV file (see above).")
    Path csv;

    @Option(names = "--skip-bad-rows", description = "With --csv: import the good rows, list the bad ones.")
    boolean skipBadRows;

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

    @Override
    public Integer call() {
        if ((csv == null) == (email == null)) {
            throw new ParameterException(spec.commandLine(), "give either --email ADDRESS or --csv FILE");
        }
        if (csv != null) {
            return importCsv();
        }
        if (skipBadRows) {
            throw new ParameterException(spec.commandLine(), "--skip-bad-rows needs --csv FILE");
        }
        ContactSpec contact = new ContactSpec(email, name, firstName, lastName, company, tier, goal, timeZone,
                List.of(), fields, introducedBy);
        return withDaemon((daemon, out) -> {
            Enrollment enrollment = daemon.enrollments().enroll(contact, sequence, "cli enroll");
            out.printf("enrolled %s in %s (enrollment #%d); step 1 due %s%n", email.trim(), sequence,
                    enrollment.id(), enrollment.nextDueAt());
            return 0;
        });
    }

    private int importCsv() {
        if (name != null || firstName != null || lastName != null || company != null || tier != null || goal != null
                || timeZone != null || !fields.isEmpty() || introducedBy != null) {
            throw new ParameterException(spec.commandLine(), "with --csv, contact details come from the file");
        }
        return withDaemon((daemon, out) -> {
            // H2's writes held back only when this process opened the database itself (its daemon runs no chores); run
            // by a daemon through its command socket, the database is borrowed and the import runs with writes immediate
            CsvImport.Report report = daemon.database().withBulkWrites(
                    () -> daemon.enrollments().importCsv(csv, sequence, skipBadRows));
            PrintWriter err = spec.commandLine().getErr();
            report.problems().forEach(err::println);
            err.flush();
            out.println(report.summary(csv.toString()));
            return report.imported() && (skipBadRows || report.problems().isEmpty()) ? 0 : 1;
        });
    }
}
