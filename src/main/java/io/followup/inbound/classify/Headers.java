package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An ordered, immutable header block; names compare case-insensitively. Values are unfolded and decoded. */
final class Headers {

    record Field(String name, String value) {
    }

    private static final Headers EMPTY = new Headers(List.of());

    private final List<Field> fields;

    Headers(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    static Headers empty() {
        return EMPTY;
    }

    List<Field> fields() {
        return fields;
    }

    /** The first value of the named field, or null. */
    String get(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** The first value lower-cased and trimmed, or the empty string. */
    String lower(String name) {
        String value = get(name);
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }
}
