package io.followup.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FolderKeyTest {

    @Test
    void keysOrderByMailboxIdAsANumberThenByFolderInTheLeaseTablesKeyOrder() {
        List<FolderKey> keys = new ArrayList<>(List.of(new FolderKey(10, "INBOX"), new FolderKey(9, "Junk"),
                new FolderKey(9, "INBOX"), new FolderKey(100, "A")));
        Collections.sort(keys);
        assertThat(keys).containsExactly(new FolderKey(9, "INBOX"), new FolderKey(9, "Junk"),
                new FolderKey(10, "INBOX"), new FolderKey(100, "A"));
    }

    @Test
    void aFolderNameWithSlashesStaysOneKeyAndShowsAsMailboxSlashFolder() {
        FolderKey key = new FolderKey(3, "Archive/2026/Replies");
        assertThat(key.mailboxId()).isEqualTo(3);
        assertThat(key.folder()).isEqualTo("Archive/2026/Replies");
        assertThat(key).hasToString("3/Archive/2026/Replies");
        assertThat(new HashSet<>(List.of(key, new FolderKey(3, "Archive/2026/Replies")))).hasSize(1);
    }
}
