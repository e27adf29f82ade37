package io.followup.template;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/**
 * Checks every value Velocity inserts into the output (not values only tested by
 * {@code #if}): a blank value is refused unless the reference is quiet ({@code $!x}); in a
 * subject a value with a line break is refused (header injection); in an HTML body values are
 * HTML-escaped. One instance per rendered part; stateless, so thread-safe.
 */
final class InsertionGuard implements ReferenceInsertionEventHandler {

    /** What kind of part is being rendered. */
    enum Mode { SUBJECT, TEXT, HTML }

    /** A refused value; carries the reference as written, never the value. */
    static final class Refused extends RuntimeException {
        private final String reference;

        Refused(String reference, String reason) {
            super(reference + " " + reason, null, false, false);
            this.reference = reference;
        }

        String reference() {
            return reference;
        }
    }

    private final Mode mode;

    InsertionGuard(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (text.isBlank() && !reference.startsWith("$!")) {
            throw new Refused(reference, "is blank");
        }
        if (mode == Mode.SUBJECT && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
            throw new Refused(reference, "contains a line break: the subject must be one line");
        }
        return mode == Mode.HTML ? escapeHtml(text) : value;
    }

    static String escapeHtml(String text) {
        return HtmlEscape.escape(text);
    }
}
