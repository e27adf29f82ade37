package io.followup.web;

import io.followup.FollowupException;
import io.followup.task.TaskService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** Open tasks (escalations and task steps), and marking one done or skipped. Thread-safe. */
final class TaskRoutes implements RouteTable {

    private final TaskService tasks;
    private final Pages pages;

    TaskRoutes(TaskService tasks, Pages pages) {
        this.tasks = tasks;
        this.pages = pages;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/tasks", this::list);
        app.post("/tasks/{id}/done", context -> close(context, true));
        app.post("/tasks/{id}/skip", context -> close(context, false));
    }

    private void list(Context context) {
        pages.render(context, "tasks.vm", "Open tasks", Map.of("section", "tasks", "tasks", tasks.list(false, 500)));
    }

    private void close(Context context, boolean done) {
        long id;
        try {
            id = Long.parseLong(context.pathParam("id"));
        } catch (NumberFormatException notANumber) {
            throw FollowupException.notFound("no task #" + context.pathParam("id"));
        }
        String cause = "web by " + SecurityFilter.session(context).user();
        if (done) {
            tasks.done(id, cause);
        } else {
            tasks.skip(id, cause);
        }
        context.redirect("/tasks?done=Task+%23" + id + (done ? "+done." : "+skipped."), HttpStatus.SEE_OTHER);
    }
}
