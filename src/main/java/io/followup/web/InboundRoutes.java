package io.followup.web;

import io.followup.FollowupException;
import io.followup.inbound.UnverifiedInbox;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * Unverified inbound messages waiting for the owner ("needs you"): each with why it is not proven and what it
 * asked for, applied or dismissed with one click. Thread-safe.
 */
final class InboundRoutes implements RouteTable {

    private final UnverifiedInbox unverified;
    private final Pages pages;

    InboundRoutes(UnverifiedInbox unverified, Pages pages) {
        this.unverified = unverified;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/inbound/unverified", this::list);
        app.post("/inbound/unverified/{id}/apply", context -> decide(context, true));
        app.post("/inbound/unverified/{id}/dismiss", context -> decide(context, false));
    }

    private void list(Context context) {
        pages.render(context, "unverified.vm", "Unverified mail", Map.of("section", "unverified", "items",
                unverified.pending(500)));
    }

    private void decide(Context context, boolean apply) {
        long id;
        try {
            id = Long.parseLong(context.pathParam("id"));
        } catch (NumberFormatException notANumber) {
            throw FollowupException.notFound("no inbound message #" + context.pathParam("id"));
        }
        String by = "web:" + SecurityFilter.session(context).user();
        UnverifiedInbox.Item item = apply ? unverified.apply(id, by) : unverified.dismiss(id, by);
        context.redirect("/inbound/unverified?done=Message+%23" + item.id() + (apply ? "+applied." : "+dismissed."),
                HttpStatus.SEE_OTHER);
    }
}
