package io.followup.config;

/**
 * Where a copy of each sent message goes (YAML {@code imap.sent_folder: auto | none | NAME}): {@code auto} is the
 * folder the server marks {@code \Sent} (RFC 6154), else an existing folder named "Sent", and no copy for mailboxes
 * sending through Gmail's SMTP, which stores one itself; {@code none} makes no copy (the provider stores one itself,
 * or nobody wants it); a named folder is created when missing. Immutable and thread-safe.
 *
 * @param choice what to do
 * @param name   the folder name for {@link FolderChoice#NAMED}, else null
 */
public record SentFolder(FolderChoice choice, String name) {

    /** {@code auto}, the default in the configuration file. */
    public static final SentFolder AUTO = new SentFolder(FolderChoice.AUTO, null);
    /** {@code none}. */
    public static final SentFolder NONE = new SentFolder(FolderChoice.NONE, null);

    public SentFolder {
        choice.check(name, "a folder name");
    }

    /** The folder called {@code name}. */
    public static SentFolder named(String name) {
        return new SentFolder(FolderChoice.NAMED, name.strip());
    }

    /** Reads {@code auto}, {@code none} (any case) or a folder name. */
    public static SentFolder parse(String text) {
        FolderChoice choice = FolderChoice.of(text);
        return choice == FolderChoice.NAMED ? named(text) : new SentFolder(choice, null);
    }

    /** As written in the configuration file. */
    @Override
    public String toString() {
        return choice.written(name);
    }
}
