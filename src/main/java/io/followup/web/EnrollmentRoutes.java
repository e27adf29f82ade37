package io.followup.web;

import io.followup.FollowupException;
import io.followup.contact.ContactStory;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.EnrollmentControl;
import io.followup.sequence.EnrollmentLines.EnrollmentLine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Enrollments: the list by state, one enrollment with its messages and its history from the event log, and
 * pause, resume and stop through {@link EnrollmentControl}, for one enrollment or for those ticked in the list.
 * Thread-safe.
 */
final class EnrollmentRoutes implements RouteTable {

    private static final List<String> STATES = List.of("live", "active", "paused", "held", "stopped", "completed",
            "failed", "");

    private final Jdbi jdbi;
    private final EnrollmentControl control;
    private final Pages pages;
    private final History history = new History();
    private final OutboxStore outbox = new OutboxStore();

    EnrollmentRoutes(Jdbi jdbi, EnrollmentControl control, Pages pages) {
        this.jdbi = jdbi;
        this.control = control;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/enrollments", this::list);
        app.get("/enrollments/{id}", this::show);
        app.post("/enrollments/bulk", this::bulk);
        app.post("/enrollments/{id}/pause", context -> change(context, "pause"));
        app.post("/enrollments/{id}/resume", context -> change(context, "resume"));
        app.post("/enrollments/{id}/stop", context -> change(context, "stop"));
    }

    private void list(Context context) {
        String state = context.queryParam("state") == null ? "live" : context.queryParam("state");
        if (!STATES.contains(state)) {
            throw FollowupException.badInput("no such enrollment state: " + state);
        }
        Paging.Page<EnrollmentLine> page = Paging.read(Paging.Request.of(context),
                (direction, key, limit) -> jdbi.withHandle(handle -> history.enrollments(handle, state, direction,
                        key == null ? null : Paging.number(key, "an enrollment id"), limit)),
                line -> String.valueOf(line.id()), "/enrollments?state=" + URLEncoder.encode(state,
                        StandardCharsets.UTF_8));
        pages.render(context, "enrollments.vm", "Enrollments", Map.of("section", "enrollments", "state", state,
                "states", STATES, "enrollments", page.rows(), "paging", page.links()));
    }

    private void show(Context context) {
        long id = Requests.id(context, "enrollment");
        Map<String, Object> model = jdbi.withHandle(handle -> {
            Map<String, Object> found = new HashMap<>();
            found.put("enrollment", history.enrollment(handle, id)
                    .orElseThrow(() -> FollowupException.notFound("no enrollment #" + id)));
            found.put("messages", outbox.ofEnrollment(handle, id));
            found.put("events", ContactStory.eventsOfEnrollment(handle, id, 500));
            return found;
        });
        model.put("section", "enrollments");
        pages.render(context, "enrollment.vm", "Enrollment #" + id, model);
    }

    private void change(Context context, String action) {
        long id = Requests.id(context, "enrollment");
        int changed = apply(action, id, "web " + action + " by " + Requests.user(context));
        Requests.done(context, "/enrollments/" + id, changed == 1 ? "Done: " + action + "." : "Nothing to " + action
                + ": the enrollment is not in a state this applies to.");
    }

    /** Pauses, resumes or stops ({@code action}) the enrollment {@code id}; how many changed (0 or 1). */
    private int apply(String action, long id, String cause) {
        EnrollmentControl.Target target = new EnrollmentControl.Target.One(id);
        EnrollmentControl.Outcome outcome = switch (action) {
            case "pause" -> control.pause(target, cause);
            case "resume" -> control.resume(target, cause);
            default -> control.stop(target, cause);
        };
        return outcome.changed();
    }

    /** Pause, resume or stop every enrollment ticked in the list ({@code id} repeated, at most 500). */
    private void bulk(Context context) {
        String action = context.formParam("action");
        if (!List.of("pause", "resume", "stop").contains(String.valueOf(action))) {
            throw FollowupException.badInput("no such action: " + action + " (pause, resume or stop)");
        }
        List<String> ids = context.formParams("id");
        if (ids.isEmpty()) {
            throw FollowupException.badInput("no enrollment ticked: tick the ones to " + action);
        }
        if (ids.size() > 500) {
            throw FollowupException.badInput("at most 500 enrollments at a time, got " + ids.size());
        }
        String cause = "web bulk " + action + " by " + Requests.user(context);
        int changed = 0;
        for (String text : ids) {
            changed += apply(action, Requests.number(text,
                    notANumber -> FollowupException.badInput("no enrollment #" + notANumber)), cause);
        }
        String message = "Done: " + action + " " + changed + " of " + ids.size() + " ticked"
                + (changed < ids.size() ? " (the others are not in a state this applies to)." : ".");
        String state = context.formParam("state");
        String listed = state != null && STATES.contains(state) ? state : "live";
        Requests.done(context, "/enrollments?state=" + URLEncoder.encode(listed, StandardCharsets.UTF_8), message);
    }
}
