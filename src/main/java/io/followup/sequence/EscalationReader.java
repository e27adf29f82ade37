package io.followup.sequence;

import io.followup.config.Node;
import io.followup.config.Values;
import io.followup.sequence.timing.Cadence;
import io.followup.task.TaskKind;
import java.util.Locale;

/**
 * Reads a sequence's {@code escalation:} section, and tasks ({@code kind}, {@code text}) wherever they are
 * configured; problems are one-line {@code file:line: key} errors.
 */
public final class EscalationReader {

    private static final String TASK_KINDS = "call, linkedin, note or other";

    private EscalationReader() {
    }

    static EscalationDefinition read(Node node) {
        node.mapping("the escalation settings (task, notify, keep_in_touch)", "task", "notify", "keep_in_touch");
        EscalationDefinition.Task task = node.get("task").map(EscalationReader::task).orElse(null);
        String notify = node.get("notify").map(EscalationReader::notify).orElse(null);
        Cadence cadence = node.get("keep_in_touch").map(EscalationReader::cadence).orElse(null);
        return new EscalationDefinition(task, notify, cadence);
    }

    /** Reads a task ({@code kind}, {@code text}), as in {@code escalation.task} and task steps. */
    public static EscalationDefinition.Task task(Node node) {
        node.mapping("a task (kind, text)", "kind", "text");
        Node kindNode = node.require("kind", TASK_KINDS);
        String kind = kindNode.nonBlank(TASK_KINDS).toLowerCase(Locale.ROOT);
        TaskKind taskKind;
        try {
            taskKind = TaskKind.ofDb(kind);
        } catch (IllegalArgumentException unknown) {
            throw kindNode.expected(TASK_KINDS);
        }
        Node textNode = node.require("text", "what to do, e.g. \"Call $contact.first_name\"");
        String text = textNode.nonBlank("what to do, e.g. \"Call $contact.first_name\"");
        if (text.length() > 500) {
            throw textNode.fail("at most 500 characters, got " + text.length());
        }
        return new EscalationDefinition.Task(taskKind, text);
    }

    private static String notify(Node node) {
        String text = node.nonBlank("owner or an email address");
        if (text.equalsIgnoreCase(EscalationDefinition.OWNER)) {
            return EscalationDefinition.OWNER;
        }
        return Values.email(node);
    }

    private static Cadence cadence(Node node) {
        String text = node.nonBlank(Cadence.EXPECTED);
        try {
            return Cadence.parse(text);
        } catch (IllegalArgumentException invalid) {
            throw node.fail(invalid.getMessage());
        }
    }
}
