package io.followup.config;

import java.util.Locale;

/**
 * How a folder setting of a mailbox is chosen, written {@code auto | none | NAME} in the configuration file
 * ({@code imap.junk}, {@code imap.sent_folder}). What {@code auto} finds is said by the setting's record.
 */
public enum FolderChoice {
    /** Found on the server: the folder it marks for this use (RFC 6154), else one with the usual name. */
    AUTO,
    /** No folder. */
    NONE,
    /** The folder named in the configuration. */
    NAMED;

    /** Reads {@code auto} or {@code none} (any case); anything else is a folder name. */
    static FolderChoice of(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "none" -> NONE;
            default -> NAMED;
        };
    }

    /** Checks that a folder name goes with {@link #NAMED} and only with it ({@code what} names it in the error). */
    void check(String name, String what) {
        if ((this == NAMED) == (name == null || name.isBlank())) {
            throw new IllegalArgumentException(what + " goes with NAMED and only with it");
        }
    }

    /** As written in the configuration file: the name for {@link #NAMED}, else {@code auto} or {@code none}. */
    String written(String name) {
        return this == NAMED ? name : name().toLowerCase(Locale.ROOT);
    }
}
