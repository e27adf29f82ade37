package io.followup.template;

import java.util.Objects;

/**
 * A rendered template: a one-line, trimmed, non-blank subject, the text body (LF line endings,
 * ending with exactly one newline) and the optional HTML body (same normalization, or
 * {@code null} when the template has no {@code .html.vm} sibling). Immutable.
 */
public record RenderedMessage(String subject, String text, String html) {

    public RenderedMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }
}
