package io.followup.web;

import io.followup.inbound.UnverifiedInbox;
import io.javalin.Javalin;
import io.javalin.http.Context;
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
        long id = Requests.id(context, "inbound message");
        String by = "web:" + Requests.user(context);
        UnverifiedInbox.Item item = apply ? unverified.apply(id, by) : unverified.dismiss(id, by);
        Requests.done(context, "/inbound/unverified", "Message #" + item.id() + (apply ? " applied." : " dismissed."));
    }
}
