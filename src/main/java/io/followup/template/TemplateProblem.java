package io.followup.template;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One finding of the template lint, or the cause of a render failure: a file (relative to the
 * templates directory's parent, e.g. {@code templates/met-at-event/thank-you.vm}), a 1-based
 * line and column in that file (0 when unknown) and a message. Immutable.
 */
public record TemplateProblem(Path file, int line, int column, String message) {

    /** Orders problems by file, then line, then column. */
    static final Comparator<TemplateProblem> ORDER = Comparator
            .comparing((TemplateProblem problem) -> displayName(problem.file()))
            .thenComparingInt(TemplateProblem::line)
            .thenComparingInt(TemplateProblem::column);

    public TemplateProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}, leaving out the line and column when they are unknown. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(displayName(file));
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        return text.append(": ").append(message).toString();
    }

    static String displayName(Path file) {
        return file.toString().replace('\\', '/');
    }
}
