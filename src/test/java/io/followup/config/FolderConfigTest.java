package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static io.followup.config.ConfigFixture.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code imap.folders: [INBOX, ...]}, the older {@code imap.folder} and {@code imap.junk: auto | none | NAME}. */
class FolderConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    private ImapConfig imap(String line) {
        return fixture.config(validWith("poll_interval: 60s", line)).load().mailbox("main").imap();
    }

    private void assertFails(String line, String message) {
        fixture.config(validWith("poll_interval: 60s", line));
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void withoutTheKeysTheInboxIsWatchedAndTheJunkFolderFoundAutomatically() {
        ImapConfig imap = fixture.config(VALID).load().mailbox("main").imap();
        assertThat(imap.folders()).containsExactly("INBOX");
        assertThat(imap.junk()).isEqualTo(JunkFolder.AUTO);
    }

    @Test
    void foldersTheOlderSingleFolderAndTheJunkChoicesAreRead() {
        assertThat(imap("folders: [INBOX, Clients, \"Archive/2026\"]").folders())
                .containsExactly("INBOX", "Clients", "Archive/2026");
        assertThat(imap("folder: Replies").folders()).isEqualTo(List.of("Replies"));
        assertThat(imap("junk: NONE").junk()).isEqualTo(JunkFolder.NONE);
        assertThat(imap("junk: \"Junk E-mail\"").junk()).isEqualTo(new JunkFolder(FolderChoice.NAMED,
                "Junk E-mail"));
    }

    @Test
    void badFolderSettingsNameFileLineMailboxAndField() {
        assertFails("folders: []", "config/followup.yaml:19: mailboxes[0].imap.folders: mailbox \"main\": "
                + "expected at least one folder, such as [INBOX]");
        assertFails("folders: [INBOX, Clients, inbox]", "config/followup.yaml:19: mailboxes[0].imap.folders[2]: "
                + "mailbox \"main\": folder \"inbox\" is listed twice (also mailboxes[0].imap.folders[0])");
        assertFails("folders: [INBOX, \"Clients*\"]", "config/followup.yaml:19: mailboxes[0].imap.folders[1]: "
                + "mailbox \"main\": \"Clients*\" is not a folder name (control characters and the wildcards * and % "
                + "are not allowed)");
        assertFails("folders: INBOX", "config/followup.yaml:19: mailboxes[0].imap.folders: expected a list of "
                + "folder names such as [INBOX, Clients], got \"INBOX\"");
        assertFails("junk: \"\"", "config/followup.yaml:19: mailboxes[0].imap.junk: expected auto, none or a "
                + "folder name such as Junk, got \"\"");
        assertFails("junk: \"Spam%\"", "config/followup.yaml:19: mailboxes[0].imap.junk: mailbox \"main\": "
                + "\"Spam%\" is not a folder name (control characters and the wildcards * and % are not allowed)");
    }

    @Test
    void folderAndFoldersTogetherAreRefused() {
        assertFails("folder: INBOX\n      folders: [INBOX]", "config/followup.yaml:19: mailboxes[0].imap.folder: "
                + "mailbox \"main\": give either folder or folders, not both");
    }
}
