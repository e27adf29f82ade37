package io.followup.config;

import static io.followup.config.ConfigFixture.VALID;
import static io.followup.config.ConfigFixture.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code imap.sent_folder: auto | none | NAME}. */
class SentFolderConfigTest {

    @RegisterExtension
    final ConfigFixture fixture = new ConfigFixture();

    private SentFolder sentFolder(String line) {
        return fixture.config(validWith("poll_interval: 60s", line)).load().mailbox("main").imap().sentFolder();
    }

    @Test
    void withoutTheKeyTheFolderIsFoundAutomatically() {
        assertThat(fixture.config(VALID).load().mailbox("main").imap().sentFolder()).isEqualTo(SentFolder.AUTO);
    }

    @Test
    void autoNoneAndAFolderNameAreRead() {
        assertThat(sentFolder("sent_folder: AUTO")).isEqualTo(SentFolder.AUTO);
        assertThat(sentFolder("sent_folder: none")).isEqualTo(SentFolder.NONE);
        assertThat(sentFolder("sent_folder: \"Sent Items\"")).isEqualTo(SentFolder.named("Sent Items"));
        assertThat(SentFolder.named("Sent Items")).hasToString("Sent Items");
    }

    @Test
    void anEmptyFolderNameNamesFileLineAndKey() {
        fixture.config(validWith("poll_interval: 60s", "sent_folder: \"\""));
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class).hasMessage(
                "config/followup.yaml:19: mailboxes[0].imap.sent_folder: expected auto, none or a folder name such as"
                        + " Sent, got \"\"");
    }
}
