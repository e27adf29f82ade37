package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.config.ConfigLoader;
import io.followup.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code followup inbound unverified list|apply|dismiss} against the embedded database. */
class InboundCommandIT {

    private static final String BOB = "bob@example.org";

    @TempDir
    Path base;

    private Path config;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void writeConfiguration() {
        TestConfigs.writeTemplates(base.resolve("templates"));
        TestConfigs.write(base.resolve("config/sequences/intro.yaml"), """
                name: intro
                steps:
                  - template: intro/first
                    wait: 0
                """);
        config = base.resolve("config/followup.yaml");
        TestConfigs.write(config, """
                node_id: cli-test
                data_dir: %s
                templates_dir: %s
                sequences_dir: %s
                owners:
                  - name: Olivia Owner
                    email: owner@example.org
                mailboxes:
                  - name: main
                    address: owner@example.org
                    smtp:
                      host: 127.0.0.1
                      port: 2525
                      security: plain
                    imap:
                      host: 127.0.0.1
                      port: 2143
                      security: plain
                """.formatted(base.resolve("data"), base.resolve("templates"), base.resolve("config/sequences")));
    }

    private Result run(String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(withConfig, new PrintWriter(out), new PrintWriter(err), Map.of("HOSTNAME", "test"));
        return new Result(code, out.toString(), err.toString());
    }

    /** A spoofed "unsubscribe" from Bob's address, sent through another domain's server. */
    private void receiveSpoofedUnsubscribe(long uid) {
        try (Daemon daemon = Daemon.open(new ConfigLoader(base, Map.of()).load(config), Clock.systemUTC())) {
            long mailbox = daemon.catalog().mailboxes().keySet().iterator().next();
            daemon.inbound().process(mailbox, "INBOX", 1, uid, ("Return-Path: <mallory@evil.example>\r\n"
                    + "From: Bob Brown <" + BOB + ">\r\nTo: owner@example.org\r\nSubject: stop\r\nMessage-ID: <spoof-"
                    + uid + "@evil.example>\r\n\r\nPlease unsubscribe me.\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void unverifiedMailIsListedWithItsReasonAndAppliedOrDismissedOnce() {
        assertThat(run("enroll", "--sequence", "intro", "--email", BOB, "--name", "Bob Brown").code()).isZero();
        assertThat(run("inbound", "unverified", "list").out()).isEqualTo("no unverified messages waiting\n");
        receiveSpoofedUnsubscribe(1);

        String listed = run("inbound", "unverified", "list").out();
        assertThat(listed).startsWith("#1  ").contains("human_reply  from bob@example.org  \"stop\"")
                .contains("    unverified: From bob@example.org is the contact's address but Return-Path "
                        + "<mallory@evil.example> is not aligned and no trusted Authentication-Results\n")
                .contains("    asks: stop intro for bob@example.org (reply, intent unsubscribe); suppress "
                        + BOB + "\n");

        Result dismissed = run("inbound", "unverified", "dismiss", "#1");
        assertThat(dismissed.code()).isZero();
        assertThat(dismissed.out()).startsWith("inbound #1 dismissed: stop intro");
        Result again = run("inbound", "unverified", "apply", "1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("followup: inbound message #1 was already dismissed by cli:");
        assertThat(run("suppress", "list").out()).doesNotContain(BOB);

        receiveSpoofedUnsubscribe(2);
        Result applied = run("inbound", "unverified", "apply", "2");
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).startsWith("inbound #2 applied: stop intro for bob@example.org");
        assertThat(run("suppress", "list").out()).contains(BOB);
        assertThat(run("inbound", "unverified", "list").out()).isEqualTo("no unverified messages waiting\n");
    }
}
