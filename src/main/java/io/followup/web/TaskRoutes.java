package io.followup.web;

import io.followup.task.TaskService;
import io.javalin.Javalin;
import io.javalin.http.Context;
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
        long id = Requests.id(context, "task");
        String cause = "web by " + Requests.user(context);
        if (done) {
            tasks.done(id, cause);
        } else {
            tasks.skip(id, cause);
        }
        Requests.done(context, "/tasks", "Task #" + id + (done ? " done." : " skipped."));
    }
}
