package io.followup.cli;

import io.followup.app.Daemon;
import io.followup.task.Task;
import io.followup.task.TaskService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code followup tasks list|done ID|skip ID}: the owner's tasks (calls, LinkedIn messages, notes) from escalations
 * and task steps.
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Tasks for you (a call, a LinkedIn message, a handwritten note), created by a task step of a "
                + "sequence or when a sequence escalates.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.Done.class, TasksCommand.Skip.class})
public final class TasksCommand extends CommandGroup {

    /** One line per task: {@code #ID  due  kind  contact  text  [step N]  [done|skipped|closed ...]}. */
    static String line(TaskService.Listed listed) {
        Task task = listed.task();
        String who = listed.contact().name() == null ? listed.contact().email()
                : listed.contact().name() + " <" + listed.contact().email() + ">";
        return String.format("#%d  due %s  %-8s  %s  %s%s%s", task.id(), MINUTE.format(task.dueAt()),
                task.kind().db(), who, task.text(), task.isStep() ? "  [step " + task.stepNo() + "]" : "",
                task.isOpen() ? "" : "  [" + task.outcome().db() + " " + MINUTE.format(task.doneAt()) + "]");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List open tasks, earliest due first.")
    static final class ListTasks extends DaemonCommand {
        @Option(names = "--all", description = "Include tasks that are done.")
        boolean all;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most N tasks (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                List<TaskService.Listed> tasks = daemon.tasks().list(all, limit);
                if (tasks.isEmpty()) {
                    out.println(all ? "no tasks" : "no open tasks");
                }
                tasks.forEach(task -> out.println(line(task)));
                return 0;
            });
        }
    }

    /** Closes one task: {@code done} or {@code skip}. */
    abstract static class CloseTask extends DaemonCommand {
        @Parameters(paramLabel = "ID", description = "The task number shown by 'tasks list' (with or without #).")
        String id;

        abstract Task close(Daemon daemon, long taskId);

        @Override
        public Integer call() {
            long taskId = parseId(spec, id);
            return withDaemon((daemon, out) -> {
                Task task = close(daemon, taskId);
                out.printf("task #%d %s: %s%s%n", task.id(), task.outcome().db(),
                        task.text(), task.isStep() ? " (step " + task.stepNo() + " of its sequence: it continues)"
                                : "");
                return 0;
            });
        }
    }

    @Command(name = "done", mixinStandardHelpOptions = true,
            description = "Mark a task done (a task step lets its sequence continue).")
    static final class Done extends CloseTask {
        @Override
        Task close(Daemon daemon, long taskId) {
            return daemon.tasks().done(taskId, "cli tasks done");
        }
    }

    @Command(name = "skip", mixinStandardHelpOptions = true,
            description = "Skip a task: not done, no longer wanted (a task step lets its sequence continue).")
    static final class Skip extends CloseTask {
        @Override
        Task close(Daemon daemon, long taskId) {
            return daemon.tasks().skip(taskId, "cli tasks skip");
        }
    }

    static long parseId(CommandSpec spec, String text) {
        String digits = text.startsWith("#") ? text.substring(1) : text;
        try {
            long id = Long.parseLong(digits);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "ID: expected a task number such as 12, got \"" + text + "\"");
    }
}
