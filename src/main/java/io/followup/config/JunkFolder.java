package io.followup.config;

import java.util.Locale;

/**
 * Which folder of a mailbox is its Junk (spam) folder, watched for replies besides {@link ImapConfig#folders()}
 * (YAML {@code imap.junk: auto | none | NAME}). Immutable and thread-safe.
 *
 * @param choice how the folder is found
 * @param name   the folder name for {@link Choice#NAMED}, else null
 */
public record JunkFolder(Choice choice, String name) {

    /** How the Junk folder is found. */
    public enum Choice {
        /** The folder the server marks {@code \Junk} (RFC 6154), else an existing folder named Junk or Spam. */
        AUTO,
        /** No Junk folder is watched. */
        NONE,
        /** The named folder (it must exist on the server). */
        NAMED
    }

    /** {@code auto}, the default in the configuration file. */
    public static final JunkFolder AUTO = new JunkFolder(Choice.AUTO, null);
    /** {@code none}, the default for settings built in code. */
    public static final JunkFolder NONE = new JunkFolder(Choice.NONE, null);

    public JunkFolder {
        if ((choice == Choice.NAMED) == (name == null || name.isBlank())) {
            throw new IllegalArgumentException("a Junk folder name goes with NAMED and only with it");
        }
    }

    /** Reads {@code auto}, {@code none} (any case) or a folder name. */
    public static JunkFolder parse(String text) {
        String value = text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "none" -> NONE;
            default -> new JunkFolder(Choice.NAMED, value);
        };
    }

    /** As written in the configuration file. */
    @Override
    public String toString() {
        return choice == Choice.NAMED ? name : choice.name().toLowerCase(Locale.ROOT);
    }
}
