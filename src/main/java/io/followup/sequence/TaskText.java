package io.followup.sequence;

import io.followup.template.TemplateEngine;
import io.followup.template.TemplateException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a task's one-line text ({@code "Call $contact.first_name"}) through the strict, sandboxed
 * {@link TemplateEngine#renderLine}. A text that cannot be rendered (a missing value, a syntax error) is kept as
 * written rather than losing the task: the owner reads it, not the contact. Thread-safe.
 */
public final class TaskText {

    private static final Logger log = LoggerFactory.getLogger(TaskText.class);

    private final TemplateEngine templates;

    public TaskText(TemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * The text rendered with {@code model}, or the text as written when it cannot be rendered.
     *
     * @param origin where the text is configured, for the log (e.g. {@code met-at-event escalation.task})
     */
    public String render(String origin, String text, Map<String, Object> model) {
        try {
            return templates.renderLine(origin, text, model);
        } catch (TemplateException e) {
            log.warn("task text \"{}\" kept as written: {}", text, e.getMessage());
            return text.strip().replaceAll("\\s+", " ");
        }
    }
}
