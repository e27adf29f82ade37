package io.followup;

import java.util.Locale;

/**
 * An enum stored under its constant's name in lower case ({@code pending_approval} for {@code PENDING_APPROVAL}):
 * {@link #db()} writes it and {@link #ofDb} reads it back. Implemented by enums only.
 */
public interface StoredName {

    /** The constant's name, as {@link Enum#name()}. */
    String name();

    /** The stored value: the name in lower case. */
    default String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} stored as {@code value} (any case); IllegalArgumentException for none. */
    static <E extends Enum<E> & StoredName> E ofDb(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
