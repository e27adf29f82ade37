package io.followup.web;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/**
 * Escapes every value a view inserts, except references whose name starts with {@code raw} ({@code $rawBody}),
 * which hold HTML made by code from escaped parts. Stateless and thread-safe.
 */
final class HtmlEscaping implements ReferenceInsertionEventHandler {

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        if (value == null) {
            return null;
        }
        String name = reference.replace("$", "").replace("!", "").replace("{", "");
        if (name.startsWith("raw")) {
            return value;
        }
        return Html.escape(value.toString());
    }
}
