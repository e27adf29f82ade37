package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.testing.CliFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code followup inbound unverified list|apply|dismiss} against the embedded database. */
class InboundCommandIT {

    private static final String BOB = "bob@example.org";

    private CliFolder cli;

    @BeforeEach
    void writeConfiguration(@TempDir Path base) {
        cli = CliFolder.at(base).write();
    }

    /** A spoofed "unsubscribe" from Bob's address, sent through another domain's server. */
    private void receiveSpoofedUnsubscribe(long uid) {
        try (Daemon daemon = cli.openDaemon()) {
            long mailbox = daemon.catalog().mailboxes().keySet().iterator().next();
            daemon.inbound().process(mailbox, "INBOX", 1, uid, ("Return-Path: <mallory@evil.example>\r\n"
                    + "From: Bob Brown <" + BOB + ">\r\nTo: owner@example.org\r\nSubject: stop\r\nMessage-ID: <spoof-"
                    + uid + "@evil.example>\r\n\r\nPlease unsubscribe me.\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void unverifiedMailIsListedWithItsReasonAndAppliedOrDismissedOnce() {
        assertThat(cli.run("enroll", "--sequence", "intro", "--email", BOB, "--name", "Bob Brown").code()).isZero();
        assertThat(cli.run("inbound", "unverified", "list").out()).isEqualTo("no unverified messages waiting\n");
        receiveSpoofedUnsubscribe(1);

        String listed = cli.run("inbound", "unverified", "list").out();
        assertThat(listed).startsWith("#1  ").contains("human_reply  from bob@example.org  \"stop\"")
                .contains("    unverified: From bob@example.org is the contact's address but Return-Path "
                        + "<mallory@evil.example> is not aligned and no trusted Authentication-Results\n")
                .contains("    asks: stop intro for bob@example.org (reply, intent unsubscribe); suppress "
                        + BOB + "\n");

        CliFolder.Result dismissed = cli.run("inbound", "unverified", "dismiss", "#1");
        assertThat(dismissed.code()).isZero();
        assertThat(dismissed.out()).startsWith("inbound #1 dismissed: stop intro");
        CliFolder.Result again = cli.run("inbound", "unverified", "apply", "1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("followup: inbound message #1 was already dismissed by cli:");
        assertThat(cli.run("suppress", "list").out()).doesNotContain(BOB);

        receiveSpoofedUnsubscribe(2);
        CliFolder.Result applied = cli.run("inbound", "unverified", "apply", "2");
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).startsWith("inbound #2 applied: stop intro for bob@example.org");
        assertThat(cli.run("suppress", "list").out()).contains(BOB);
        assertThat(cli.run("inbound", "unverified", "list").out()).isEqualTo("no unverified messages waiting\n");
    }
}
