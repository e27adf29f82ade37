package io.followup.template;

import io.followup.FollowupException;

/**
 * A template could not be loaded or rendered. The message is one line of the form
 * {@code templates/met-at-event/thank-you.vm:5:4: $contact.first_name is blank}: the file
 * (relative to the templates directory's parent), the line and column in the original file
 * (omitted when unknown), and the reason. The message never contains a rendered value.
 * Immutable.
 */
public final class TemplateException extends FollowupException {

    private final TemplateProblem problem;

    TemplateException(TemplateProblem problem) {
        this(problem, null);
    }

    TemplateException(TemplateProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    /** The file that failed, relative to the templates directory's parent, e.g. {@code templates/x/y.vm}. */
    public String file() {
        return TemplateProblem.displayName(problem.file());
    }

    /** The 1-based line in the original file, or 0 when the failure is not tied to a line. */
    public int line() {
        return problem.line();
    }

    /** The 1-based column in the original file, or 0 when unknown. */
    public int column() {
        return problem.column();
    }

    /** The failure as a lint problem (file, line, column, reason). */
    TemplateProblem problem() {
        return problem;
    }
}
