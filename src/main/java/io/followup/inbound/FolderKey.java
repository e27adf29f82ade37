package io.followup.inbound;

import java.util.Comparator;

/**
 * One folder of one mailbox, as the folder leases and their watchers are keyed. Ordered by mailbox id, then folder
 * name (the order of the lease table's key, in which every node locks the leases it takes). Shown as
 * {@code mailbox/folder}.
 */
public record FolderKey(long mailboxId, String folder) implements Comparable<FolderKey> {

    private static final Comparator<FolderKey> ORDER = Comparator.comparingLong(FolderKey::mailboxId)
            .thenComparing(FolderKey::folder);

    @Override
    public int compareTo(FolderKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return mailboxId + "/" + folder;
    }
}
