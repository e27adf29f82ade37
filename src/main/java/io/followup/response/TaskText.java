package io.followup.response;

import io.followup.template.TemplateEngine;
import io.followup.template.TemplateException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a task's one-line text ({@code "Call $contact.first_name"}) through the templates' engine (strict and
 * sandboxed: see {@link TemplateEngine#renderText}). A text that cannot be rendered (a missing value, a refused
 * construct) is kept as written rather than losing the task. Thread-safe.
 */
public final class TaskText {

    private static final Logger log = LoggerFactory.getLogger(TaskText.class);

    private final TemplateEngine templates;

    public TaskText(TemplateEngine templates) {
        this.templates = templates;
    }

    /** The text rendered with {@code model}, or the text as written when it cannot be rendered. */
    public String render(String text, Map<String, Object> model) {
        String rendered;
        try {
            rendered = templates.renderText("task", text, model);
        } catch (TemplateException e) {
            log.warn("task text \"{}\" kept as written: {}", text, e.getMessage());
            return text;
        }
        rendered = rendered.strip().replaceAll("\\s+", " ");
        return rendered.isEmpty() ? text : rendered;
    }
}
