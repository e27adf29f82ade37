package io.followup.web;

import io.followup.outbox.StopSwitch;
import java.util.List;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a view inside the common layout (navigation, the user, the CSRF token for forms, a flash message from
 * {@code ?done=}). Thread-safe.
 */
final class Pages {

    private final Views views;
    private final Clock clock;
    private final ZoneId zone;
    private final java.util.function.Supplier<List<StopSwitch.Stop>> stops;
    private final List<String> mailboxNames;
    private final java.util.function.Supplier<List<String>> reconnect;

    /**
     * @param zone the zone times are shown in (the owner's)
     */
    Pages(Views views, Clock clock, ZoneId zone) {
        this(views, clock, zone, List::of);
    }

    /** Like the constructor above, with every page showing the stop switch's stops in force. */
    Pages(Views views, Clock clock, ZoneId zone, java.util.function.Supplier<List<StopSwitch.Stop>> stops) {
        this(views, clock, zone, stops, List.of(), List::of);
    }

    /**
     * Like the constructor above, offering a stop button per mailbox ({@code mailboxNames}) beside the global one,
     * and naming the OAuth2 mailboxes to reconnect ({@code reconnect}) on every page.
     */
    Pages(Views views, Clock clock, ZoneId zone, java.util.function.Supplier<List<StopSwitch.Stop>> stops,
          List<String> mailboxNames, java.util.function.Supplier<List<String>> reconnect) {
        this.reconnect = reconnect;
        this.stops = stops;
        this.mailboxNames = List.copyOf(mailboxNames);
        this.views = views;
        this.clock = clock;
        this.zone = zone;
    }

    /** Renders {@code view} with {@code model} as the page {@code title} for the logged-in user. */
    void render(Context context, String view, String title, Map<String, Object> model) {
        Sessions.Session session = SecurityFilter.session(context);
        Map<String, Object> full = new HashMap<>(model);
        full.put("csrf", session.csrfToken());
        full.put("fmt", new Formats(clock, zone));
        String body = views.render(view, full);
        Map<String, Object> layout = new HashMap<>();
        layout.put("title", title);
        layout.put("user", session.user());
        layout.put("csrf", session.csrfToken());
        layout.put("section", model.getOrDefault("section", ""));
        layout.put("flash", context.queryParam("done") == null ? "" : context.queryParam("done"));
        layout.put("rawBody", body);
        List<StopSwitch.Stop> active = stops.get();
        layout.put("stops", active);
        layout.put("everythingStopped", active.stream().anyMatch(StopSwitch.Stop::everything));
        layout.put("stoppableMailboxes", active.stream().anyMatch(StopSwitch.Stop::everything) ? List.of()
                : mailboxNames.stream().filter(name -> active.stream().noneMatch(stop -> stop.scope().equals(name)))
                .toList());
        layout.put("reconnect", reconnect.get());
        layout.put("fmt", new Formats(clock, zone));
        context.header("Cache-Control", "no-store").html(views.render("layout.vm", layout));
    }

    /** Renders a page for someone not logged in (the login page). */
    void renderPublic(Context context, String view, String title, Map<String, Object> model) {
        Map<String, Object> layout = new HashMap<>();
        layout.put("title", title);
        layout.put("rawBody", views.render(view, model));
        context.header("Cache-Control", "no-store").html(views.render("public.vm", layout));
    }

    Clock clock() {
        return clock;
    }

    ZoneId zone() {
        return zone;
    }
}
