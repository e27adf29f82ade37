package io.followup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.followup.contact.Contact;
import io.followup.contact.ContactException;
import io.followup.contact.ContactStore;
import io.followup.contact.ContactStory;
import io.followup.store.EventLog;
import io.followup.contact.ContactStory.Story;
import io.followup.sequence.EnrollmentProgress;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code followup status EMAIL | --enrollment ID [--json]}: a contact's whole story in the terminal, the twin of the
 * web contact page. Exit 1 when there is no such contact or enrollment.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "What happened to a contact: its enrollments (state, next step and when), the messages sent "
                + "(subject, Message-ID, state), the responses (kind, intent and why, how matched) and the history.")
public final class StatusCommand extends DaemonCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {

        @Parameters(paramLabel = "EMAIL", description = "The contact's address.")
        String email;

        @Option(names = "--enrollment", paramLabel = "ID", description = "The contact of this enrollment.")
        Long enrollment;
    }

    @Option(names = "--json", description = "One JSON object (contact, suppression, enrollments, messages, "
            + "responses, events) for scripts.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Story story = onDaemon(daemon -> {
            ContactStory stories = new ContactStory(new ContactStore(), daemon.suppressions());
            Optional<Story> found = daemon.database().jdbi().withHandle(handle -> choice.email != null
                    ? stories.ofEmail(handle, choice.email) : stories.ofEnrollment(handle, choice.enrollment));
            return found.orElseThrow(() -> new ContactException(choice.email != null
                    ? "no contact " + choice.email : "no enrollment #" + choice.enrollment));
        });
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(story));
        } else {
            print(out, story);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Story story) {
        Contact contact = story.contact();
        out.printf("Contact      %s%s%s%n", contact.email(), contact.name() == null ? "" : " (" + contact.name() + ")",
                contact.company() == null ? "" : ", " + contact.company());
        out.printf("Tier         %d%s%n", contact.tier(), contact.goal() == null ? "" : " · goal " + contact.goal());
        out.printf("Time zone    %s%n", contact.timeZone() == null ? "(the mailbox's)" : contact.timeZone());
        out.printf("Owner        %s%n", story.owner() == null ? "(the mailbox's)" : story.owner() + " (handed off)");
        out.printf("Suppressed   %s%n", story.suppression() == null ? "no" : "yes: " + story.suppression().reason()
                + " (" + story.suppression().entry() + ", since " + time(story.suppression().createdAt()) + ")");
        section(out, "Enrollments", story.enrollments().isEmpty());
        for (ContactStory.EnrollmentLine line : story.enrollments()) {
            out.printf("  #%d %s (mailbox %s): %s, step %s, %s; enrolled %s%n", line.id(), line.sequence(),
                    line.mailbox(), line.state(), EnrollmentProgress.step(line.nextStep(), line.stepCount()),
                    EnrollmentProgress.next(line.state(), line.nextStep(), line.stepCount(), line.nextDueAt(),
                            line.resumeAt(), StatusCommand::time), time(line.enrolledAt()));
            if (line.stopReason() != null) {
                out.printf("      reason: %s%n", line.stopReason());
            }
        }
        section(out, "Messages", story.messages().isEmpty());
        for (ContactStory.MessageLine line : story.messages()) {
            out.printf("  #%d %s: %s%s \"%s\" %s%n", line.id(), line.enrollmentId() == null ? line.kind()
                            : "enrollment #" + line.enrollmentId() + " step " + line.stepNo(), line.state(),
                    line.sentAt() == null ? "" : " " + time(line.sentAt()),
                    line.subject() == null ? "" : line.subject(), line.messageId());
            if (line.problem() != null) {
                out.printf("      %s%n", line.problem());
            }
        }
        section(out, "Responses", story.responses().isEmpty());
        for (ContactStory.ResponseLine line : story.responses()) {
            out.printf("  #%d %s %s%s from %s \"%s\", matched by %s%s%n", line.id(), time(line.receivedAt()),
                    line.kind(), line.intent() == null ? "" : " (intent " + line.intent() + ")", line.from(),
                    line.subject() == null ? "" : line.subject(),
                    line.matchMethod() == null ? "nothing" : line.matchMethod(),
                    line.enrollmentId() == null ? "" : " to enrollment #" + line.enrollmentId());
            if (line.junkFolder() != null) {
                out.printf("      found in the Junk folder \"%s\"%n", line.junkFolder());
            }
            if (line.detail() != null) {
                out.printf("      why: %s%n", line.detail());
            }
        }
        section(out, "History", story.events().isEmpty());
        for (EventLog.Recorded line : story.events()) {
            out.printf("  %s %s%s (%s)%s%n", time(line.at()), line.event(),
                    line.enrollmentId() == null ? "" : " #" + line.enrollmentId(), line.cause(),
                    line.detail() == null ? "" : ": " + line.detail());
        }
    }

    /** A blank line, the section's title, and {@code (none)} when it is {@code empty}. */
    private static void section(PrintWriter out, String title, boolean empty) {
        out.println();
        out.println(title);
        if (empty) {
            out.println("  (none)");
        }
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
