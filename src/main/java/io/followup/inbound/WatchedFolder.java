package io.followup.inbound;

/**
 * One folder of a mailbox that a watcher reads.
 *
 * @param name    the folder's full name on the server, as configured or detected
 * @param junk    whether it is the mailbox's Junk folder (known from the settings; a watcher also recognises it
 *                on the server, see {@link JunkDetector})
 * @param setting the setting it comes from, for error messages ({@code imap.folders} or {@code imap.junk})
 */
public record WatchedFolder(String name, boolean junk, String setting) {

    /** A folder of {@code imap.folders}. */
    public static WatchedFolder listed(String name) {
        return new WatchedFolder(name, false, "imap.folders");
    }

    /** The Junk folder of {@code imap.junk}. */
    public static WatchedFolder junk(String name) {
        return new WatchedFolder(name, true, "imap.junk");
    }

    /** Whether {@code other} names the same folder (INBOX in any case, other names exactly). */
    public boolean sameAs(String other) {
        return name.equals(other) || name.equalsIgnoreCase("INBOX") && other.equalsIgnoreCase("INBOX");
    }
}
