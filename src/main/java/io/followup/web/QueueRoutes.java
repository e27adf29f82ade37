package io.followup.web;

import io.followup.approval.ApprovalException;
import io.followup.approval.DraftEdit;
import io.followup.approval.DraftQueue;
import io.followup.approval.DraftSummary;
import io.followup.outbox.OutboundMessage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The approval queue: the list (tier, then due time; snoozed drafts apart), one draft exactly as it will be sent
 * with its audit trail, and the decisions: approve, reject with a reason, snooze, edit subject and text, bulk
 * approve. Every decision goes through {@link DraftQueue}, which records who, when and what changed. Thread-safe.
 */
final class QueueRoutes implements RouteTable {

    /** The queue's size is counted up to this (then shown as 10,000+). */
    private static final int COUNTED = 10_001;
    /** Snoozed drafts listed below the queue (in its order), at most. */
    private static final int SNOOZED_SHOWN = 200;
    private static final Map<String, Duration> SNOOZES = Map.of("1h", Duration.ofHours(1), "4h",
            Duration.ofHours(4), "1d", Duration.ofDays(1), "3d", Duration.ofDays(3), "1w", Duration.ofDays(7));

    private final DraftQueue drafts;
    private final Pages pages;

    QueueRoutes(DraftQueue drafts, Pages pages) {
        this.drafts = drafts;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/queue", this::queue);
        app.post("/drafts/approve", this::approveSelected);
        app.get("/drafts/{id}", this::draft);
        app.post("/drafts/{id}/approve", this::approve);
        app.post("/drafts/{id}/reject", this::reject);
        app.post("/drafts/{id}/snooze", this::snooze);
        app.post("/drafts/{id}/edit", this::edit);
        app.post("/drafts/{id}/resolve", this::resolve);
    }

    private void queue(Context context) {
        Instant now = pages.clock().instant();
        Paging.Page<DraftSummary> waiting = Paging.read(Paging.Request.of(context), (direction, key, limit) ->
                drafts.page(DraftQueue.WAITING, now, false, position(key), direction == Paging.Direction.BACKWARD,
                        limit), draft -> draft.tier() + "." + draft.due().toEpochMilli() + "." + draft.id(), "/queue");
        List<DraftSummary> snoozed = drafts.page(DraftQueue.WAITING, now, true, null, false, SNOOZED_SHOWN);
        int count = drafts.countUpTo(DraftQueue.WAITING, now, COUNTED);
        pages.render(context, "queue.vm", "Approval queue (" + (count < COUNTED ? String.valueOf(count)
                        : String.format(java.util.Locale.ROOT, "%,d+", COUNTED - 1)) + ")",
                Map.of("section", "queue", "drafts", waiting.rows(), "snoozed", snoozed, "paging", waiting.links()));
    }

    /** A page position {@code <tier>.<due epoch ms>.<draft id>} (null for none). */
    private static DraftQueue.QueuePosition position(String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length != 3) {
            throw new ApprovalException("page position (after/before): expected <tier>.<due>.<id>, got " + key);
        }
        return new DraftQueue.QueuePosition((int) Paging.number(parts[0], "the tier"),
                Instant.ofEpochMilli(Paging.number(parts[1], "the due time")), Paging.number(parts[2], "the id"));
    }

    private void draft(Context context) {
        long id = id(context);
        OutboundMessage draft = drafts.show(id);
        Map<String, Object> model = new HashMap<>();
        model.put("section", "queue");
        model.put("draft", draft);
        model.put("state", draft.state().db());
        model.put("editable", draft.state().db().equals("pending_approval") || draft.state().db().equals("held"));
        model.put("pending", draft.state().db().equals("pending_approval"));
        model.put("inDoubt", draft.state().db().equals("in_doubt"));
        model.put("snoozedUntil", drafts.snoozedUntil(id).orElse(null));
        model.put("decisions", drafts.decisions(id));
        model.put("smtp", drafts.smtpOutcome(id).orElse(null));
        model.put("snoozes", List.of("1h", "4h", "1d", "3d", "1w"));
        pages.render(context, "draft.vm", "Draft #" + id, model);
    }

    private void approve(Context context) {
        long id = id(context);
        drafts.approve(id, user(context));
        done(context, "/queue", "Approved draft #" + id + ": it is queued for sending.");
    }

    private void reject(Context context) {
        long id = id(context);
        String reason = trimmed(context.formParam("reason"));
        drafts.reject(id, reason.isEmpty() ? null : reason, user(context));
        done(context, "/queue", "Rejected draft #" + id + "; its enrollment is stopped.");
    }

    /** {@code until} (a local date and time in the owner's zone) or {@code for} (1h, 4h, 1d, 3d, 1w). */
    private void snooze(Context context) {
        long id = id(context);
        String until = trimmed(context.formParam("until"));
        Instant at;
        if (!until.isEmpty()) {
            try {
                at = LocalDateTime.parse(until).atZone(pages.zone()).toInstant();
            } catch (DateTimeParseException invalid) {
                throw new ApprovalException("snooze until a date and time such as 2026-03-02T09:00");
            }
        } else {
            Duration duration = SNOOZES.get(trimmed(context.formParam("for")));
            if (duration == null) {
                throw new ApprovalException("choose how long to snooze: " + String.join(", ", SNOOZES.keySet()));
            }
            at = pages.clock().instant().plus(duration);
        }
        drafts.snooze(id, at, user(context));
        done(context, "/queue", "Snoozed draft #" + id + " until " + new Formats(pages.clock(), pages.zone())
                .time(at) + ".");
    }

    private void edit(Context context) {
        long id = id(context);
        OutboundMessage draft = drafts.show(id);
        String subject = trimmed(context.formParam("subject"));
        String text = lines(context.formParam("text"));
        DraftEdit edit = new DraftEdit(Objects.equals(subject, draft.subject()) ? null : subject,
                Objects.equals(text, lines(draft.bodyText())) ? null : text, null);
        if (edit.isEmpty()) {
            done(context, "/drafts/" + id, "Nothing changed.");
            return;
        }
        drafts.edit(id, edit, user(context));
        done(context, "/drafts/" + id, "Saved your changes to draft #" + id + " (the template is untouched).");
    }

    private void resolve(Context context) {
        long id = id(context);
        switch (trimmed(context.formParam("as"))) {
            case "sent" -> {
                drafts.resolveSent(id, user(context));
                done(context, "/drafts/" + id, "Marked draft #" + id + " as sent; its sequence moves on.");
            }
            case "resend" -> {
                drafts.resolveResend(id, user(context));
                done(context, "/drafts/" + id, "Queued draft #" + id + " again under the same Message-ID.");
            }
            default -> throw new ApprovalException("choose: it was sent, or send it again");
        }
    }

    private void approveSelected(Context context) {
        List<String> ids = context.formParams("id");
        if (ids.isEmpty()) {
            done(context, "/queue", "Select drafts to approve first.");
            return;
        }
        List<String> failed = new ArrayList<>();
        int approved = 0;
        for (String text : ids) {
            try {
                drafts.approve(parse(text), user(context));
                approved++;
            } catch (ApprovalException notApproved) {
                failed.add(notApproved.getMessage());
            }
        }
        done(context, "/queue", "Approved " + approved + " draft(s)."
                + (failed.isEmpty() ? "" : " Not approved: " + String.join("; ", failed)));
    }

    private static void done(Context context, String path, String message) {
        Requests.done(context, path, message);
    }

    private static String user(Context context) {
        return Requests.user(context);
    }

    private static long id(Context context) {
        return parse(context.pathParam("id"));
    }

    /** A draft id; one that is not a number is no draft (a conflict, as for an id that is not in the queue). */
    private static long parse(String text) {
        return Requests.number(text, notANumber -> new ApprovalException("no draft #" + notANumber));
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }

    /** Browsers send CRLF from a textarea; drafts keep LF. */
    private static String lines(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }
}
