package io.followup.template;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a template renders, prepared for strict rendering: {@code null} and blank
 * (white-space only) strings are removed at every map level, so Velocity's strict mode reports
 * them, with their line and column, exactly like missing values; absent standard maps
 * ({@code contact}, {@code sender}...) become empty maps and an absent {@code unsubscribe_url}
 * becomes {@code null}, so {@code #if(...)} and quiet references {@code $!x} work on them.
 * The original model is kept to tell "blank" from "missing" in messages. Immutable.
 */
final class RenderModel {

    /** The roots the lead's code may put in the model. */
    static final Set<String> ROOTS = Set.of("contact", "sender", "owner", "introducer", "step", "unsubscribe_url");

    private static final List<String> MAP_ROOTS = List.of("contact", "sender", "owner", "introducer", "step");

    private final Map<String, Object> original;
    private final Map<String, Object> values;

    private RenderModel(Map<String, Object> original, Map<String, Object> values) {
        this.original = original;
        this.values = values;
    }

    static RenderModel of(Map<String, Object> model) {
        Map<String, Object> values = new HashMap<>();
        model.forEach((key, value) -> {
            Object cleaned = clean(value);
            if (cleaned != null) {
                values.put(key, cleaned);
            }
        });
        for (String root : MAP_ROOTS) {
            values.putIfAbsent(root, Map.of());
        }
        values.putIfAbsent("unsubscribe_url", null);
        return new RenderModel(model, Collections.unmodifiableMap(values));
    }

    /** The cleaned values; callers copy them before handing them to a Velocity context. */
    Map<String, Object> values() {
        return values;
    }

    /**
     * Whether the reference as written ({@code $contact.first_name}, {@code ${contact.first_name}})
     * names a value of the original model that is present but blank.
     */
    boolean isBlank(String reference) {
        String path = reference.replaceAll("^\\$!?\\{?|}$", "");
        Object current = original;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return false;
            }
            current = map.get(key);
        }
        return current instanceof CharSequence text && text.toString().isBlank();
    }

    private static Object clean(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString().isBlank() ? null : value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> cleaned = new LinkedHashMap<>();
            map.forEach((key, nested) -> {
                Object cleanedValue = clean(nested);
                if (key != null && cleanedValue != null) {
                    cleaned.put(key.toString(), cleanedValue);
                }
            });
            return Collections.unmodifiableMap(cleaned);
        }
        return value;
    }
}
