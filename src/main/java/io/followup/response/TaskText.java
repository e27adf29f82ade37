package io.followup.response;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a task's one-line text ({@code "Call $contact.first_name"}) with Velocity in strict mode. A text that
 * cannot be rendered (a missing value) is kept as written rather than losing the task. Thread-safe.
 */
public final class TaskText {

    private static final Logger log = LoggerFactory.getLogger(TaskText.class);

    private final VelocityEngine velocity;

    public TaskText() {
        Properties properties = new Properties();
        properties.setProperty("runtime.strict_mode.enable", "true");
        velocity = new VelocityEngine(properties);
        velocity.init();
    }

    /** The text rendered with {@code model}, or the text as written when it cannot be rendered. */
    public String render(String text, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            velocity.evaluate(new VelocityContext(new java.util.HashMap<>(model)), out, "task", text);
        } catch (RuntimeException e) {
            log.warn("task text \"{}\" kept as written: {}", text, e.getMessage());
            return text;
        }
        String rendered = out.toString().strip().replaceAll("\\s+", " ");
        return rendered.isEmpty() ? text : rendered;
    }
}
