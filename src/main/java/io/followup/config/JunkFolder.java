package io.followup.config;

/**
 * Which folder of a mailbox is its Junk (spam) folder, watched for replies besides {@link ImapConfig#folders()}
 * (YAML {@code imap.junk: auto | none | NAME}): {@code auto} is the folder the server marks {@code \Junk}
 * (RFC 6154), else an existing folder named Junk or Spam; {@code none} watches none; a named folder must exist on
 * the server. Immutable and thread-safe.
 *
 * @param choice how the folder is found
 * @param name   the folder name for {@link FolderChoice#NAMED}, else null
 */
public record JunkFolder(FolderChoice choice, String name) {

    /** {@code auto}, the default in the configuration file. */
    public static final JunkFolder AUTO = new JunkFolder(FolderChoice.AUTO, null);
    /** {@code none}, the default for settings built in code. */
    public static final JunkFolder NONE = new JunkFolder(FolderChoice.NONE, null);

    public JunkFolder {
        choice.check(name, "a Junk folder name");
    }

    /** Reads {@code auto}, {@code none} (any case) or a folder name. */
    public static JunkFolder parse(String text) {
        FolderChoice choice = FolderChoice.of(text);
        return new JunkFolder(choice, choice == FolderChoice.NAMED ? text.strip() : null);
    }

    /** As written in the configuration file. */
    @Override
    public String toString() {
        return choice.written(name);
    }
}
