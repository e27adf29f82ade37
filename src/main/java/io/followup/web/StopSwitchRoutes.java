package io.followup.web;

import io.followup.FollowupException;
import io.followup.outbox.StopSwitch;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * The stop switch from the web UI: every page has "Stop all outgoing mail" (the whole daemon) and "Stop mailbox
 * NAME" per mailbox and, while a stop is in force, a banner with "Resume sending". Thread-safe.
 */
final class StopSwitchRoutes implements RouteTable {

    private final StopSwitch stopSwitch;
    private final Clock clock;

    private final List<String> mailboxNames;

    /** @param mailboxNames the configured mailboxes, each of which may be stopped alone */
    StopSwitchRoutes(StopSwitch stopSwitch, Clock clock, List<String> mailboxNames) {
        this.stopSwitch = stopSwitch;
        this.clock = clock;
        this.mailboxNames = List.copyOf(mailboxNames);
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/stop-switch/stop", this::stop);
        app.post("/stop-switch/resume", this::resume);
    }

    /** Stops everything, or the mailbox named by the form's {@code mailbox} (one of the configured ones). */
    private void stop(Context context) {
        String mailbox = context.formParam("mailbox");
        boolean one = mailbox != null && !mailbox.isBlank();
        if (one && !mailboxNames.contains(mailbox)) {
            throw FollowupException.badInput("no mailbox named " + mailbox + " (configured: "
                    + String.join(", ", mailboxNames) + ")");
        }
        stopSwitch.stop(one ? mailbox : StopSwitch.EVERYTHING, "web by " + Requests.user(context), clock.instant());
        Requests.done(context, "/enrollments", one ? "Outgoing mail of mailbox " + mailbox + " stopped."
                : "All outgoing mail stopped.");
    }

    private void resume(Context context) {
        String scope = context.formParam("scope");
        stopSwitch.resume(scope == null || scope.isBlank() ? StopSwitch.EVERYTHING : scope);
        Requests.done(context, "/enrollments", "Sending resumed.");
    }
}
