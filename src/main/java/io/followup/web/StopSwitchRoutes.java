package io.followup.web;

import io.followup.outbox.StopSwitch;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;

/**
 * The stop switch from the web UI: every page has "Stop all outgoing mail" (the whole daemon) and, while a stop is in
 * force, a banner with "Resume sending". Thread-safe.
 */
final class StopSwitchRoutes implements RouteTable {

    private final StopSwitch stopSwitch;
    private final Clock clock;

    StopSwitchRoutes(StopSwitch stopSwitch, Clock clock) {
        this.stopSwitch = stopSwitch;
        this.clock = clock;
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/stop-switch/stop", this::stop);
        app.post("/stop-switch/resume", this::resume);
    }

    private void stop(Context context) {
        stopSwitch.stop(StopSwitch.EVERYTHING, "web by " + SecurityFilter.session(context).user(), clock.instant());
        context.redirect("/enrollments?done=All+outgoing+mail+stopped.", HttpStatus.SEE_OTHER);
    }

    private void resume(Context context) {
        String scope = context.formParam("scope");
        stopSwitch.resume(scope == null || scope.isBlank() ? StopSwitch.EVERYTHING : scope);
        context.redirect("/enrollments?done=Sending+resumed.", HttpStatus.SEE_OTHER);
    }
}
