package io.followup.config;

import java.util.Locale;

/**
 * Where a copy of each sent message goes (YAML {@code imap.sent_folder: auto | none | NAME}). Immutable and
 * thread-safe.
 *
 * @param choice what to do
 * @param name   the folder name for {@link Choice#NAMED}, else null
 */
public record SentFolder(Choice choice, String name) {

    /** How the folder is chosen. */
    public enum Choice {
        /**
         * The folder the server marks {@code \Sent} (RFC 6154), else an existing folder named "Sent"; no copy for
         * mailboxes sending through Gmail's SMTP, which stores one itself.
         */
        AUTO,
        /** No copy (the provider stores one itself, or nobody wants it). */
        NONE,
        /** The named folder, created when missing. */
        NAMED
    }

    /** {@code auto}, the default in the configuration file. */
    public static final SentFolder AUTO = new SentFolder(Choice.AUTO, null);
    /** {@code none}. */
    public static final SentFolder NONE = new SentFolder(Choice.NONE, null);

    public SentFolder {
        if ((choice == Choice.NAMED) == (name == null || name.isBlank())) {
            throw new IllegalArgumentException("a folder name goes with NAMED and only with it");
        }
    }

    /** The folder called {@code name}. */
    public static SentFolder named(String name) {
        return new SentFolder(Choice.NAMED, name.strip());
    }

    /** Reads {@code auto}, {@code none} (any case) or a folder name. */
    public static SentFolder parse(String text) {
        String value = text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "none" -> NONE;
            default -> named(value);
        };
    }

    /** As written in the configuration file. */
    @Override
    public String toString() {
        return choice == Choice.NAMED ? name : choice.name().toLowerCase(Locale.ROOT);
    }
}
