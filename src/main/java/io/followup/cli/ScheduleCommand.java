package io.followup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.sequence.EnrollmentException;
import io.followup.sequence.SchedulePlan;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.timing.TimingPlanner;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code followup schedule}: a dry run of a sequence's timing for one recipient, from the configuration alone (no
 * database). One JSON object per step: {@code {"step":N,"template":"..","at":"<ISO-8601 with the offset>"}}; step 1
 * of a sequence with a first-touch promise also has {@code "first_touch":"window|edge|approval"} (as the enrolment
 * decides it) and, when the window alone would break the promise, {@code "reason"}.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Dry run: when each step of a sequence would go out for a recipient in a time zone, applying "
                + "waits, business days, holidays, the send window and the first-touch promise (assuming no reply "
                + "and drafts approved at once).")
public final class ScheduleCommand extends DaemonCommand {

    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--sequence", required = true, paramLabel = "NAME", description = "The sequence.")
    String sequence;

    @Option(names = "--timezone", required = true, paramLabel = "TZ",
            description = "The recipient's IANA time zone, e.g. America/New_York.")
    String timezone;

    @Option(names = "--start", required = true, paramLabel = "ISO-8601",
            description = "Enrollment time: 2026-03-06T18:00:00-05:00, 2026-03-06T23:00:00Z, or a local "
                    + "2026-03-06T18:00 / 2026-03-06 in --timezone.")
    String start;

    @Option(names = "--no-jitter", description = "Earliest allowed times, without the random jitter.")
    boolean noJitter;


    @Override
    public Integer call() throws JsonProcessingException {
        ZoneId zone = zone();
        Instant startAt = start(zone);
        ConfigOption.Loaded loaded = config.load(environment);
        SequenceDefinition definition = loaded.sequence(sequence).orElseThrow(() -> new EnrollmentException(
                "unknown sequence \"" + sequence + "\"; configured: " + String.join(", ",
                        loaded.sequences().stream().map(SequenceDefinition::name).toList())));
        SchedulePlan plan = new SchedulePlan(new TimingPlanner(loaded.config().calendars(), new Random()));
        PrintWriter out = spec.commandLine().getOut();
        for (SchedulePlan.PlannedStep step : plan.plan(definition, zone, startAt, !noJitter)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", step.step());
            line.put("template", step.template());
            line.put("at", AT.format(step.at().truncatedTo(ChronoUnit.SECONDS)));
            if (step.firstTouch() != null) {
                line.put("first_touch", step.firstTouch().db());
            }
            if (step.reason() != null) {
                line.put("reason", step.reason());
            }
            out.println(JSON.writeValueAsString(line));
        }
        out.flush();
        return 0;
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException unknown) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timezone: expected an IANA time zone such as America/New_York, got \"" + timezone + "\"");
        }
    }

    private Instant start(ZoneId zone) {
        String text = start.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeException notDate) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--start: expected an ISO-8601 "
                            + "time such as 2026-03-06T18:00:00-05:00, got \"" + start + "\"");
                }
            }
        }
    }
}
