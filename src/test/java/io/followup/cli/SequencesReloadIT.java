package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.testing.DaemonFiles;
import io.followup.testing.DaemonProcess;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestMail;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code followup sequences reload} against a real daemon (a child process on the embedded database, reached through
 * its command socket) and SIGHUP sent to that process; and the command on a database server, where it only
 * validates and says how to reload.
 */
class SequencesReloadIT {

    @TempDir
    Path base;

    private Path configFile;

    private record Run(int code, String out, String err) {
    }

    @Test
    void theCommandAndSighupReloadTheRunningDaemonAndABrokenFileChangesNothing() throws Exception {
        try (TestMail mail = new TestMail()) {
            configFile = DaemonFiles.of(mail.smtpPort(), mail.imapPort()).write(base);
            Path intro = base.resolve("config/sequences/intro.yaml");
            String original = Files.readString(intro);
            try (DaemonProcess daemon = DaemonProcess.forConfig(configFile).start()) {
                Run enroll = run("enroll", "--sequence", "intro", "--email", "alice@example.org", "--name",
                        "Alice Example", "--field", "met_at=the Oslo meetup");
                assertThat(enroll.code()).as(enroll.err()).isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> !mail.receivedBy("alice@example.org").isEmpty());

                Files.writeString(intro, original.replace("wait: 2 days", "wait: 2 fortnights"));
                Run broken = run("sequences", "reload");
                assertThat(broken.code()).isEqualTo(1);
                assertThat(broken.err()).startsWith("followup: ").contains("intro.yaml:").contains("wait")
                        .contains("; nothing was reloaded");
                assertThat(daemon.log()).doesNotContain("sequences applied: 1 sequence(s), changed");

                Files.writeString(intro, original.replace("""
                          - template: intro/second
                            wait: 2 days
                        """, ""));
                Run reload = run("sequences", "reload");
                assertThat(reload.code()).as(reload.err()).isZero();
                assertThat(reload.out().strip()).isEqualTo("reloaded: 1 sequence(s), changed: intro; "
                        + "1 enrollment(s) moved, 1 step(s) skipped, 0 enrollment(s) retired");
                Run status = run("status", "alice@example.org");
                assertThat(status.out()).contains("steps_changed")
                        .contains("step 2 (intro/second) was removed (skipped)");

                TestConfigs.write(base.resolve("config/sequences/other.yaml"), """
                        name: other
                        mailbox: main
                        steps:
                          - template: intro/third
                            wait: 1 day
                        """);
                hangUp(daemon);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> daemon.log().contains("SIGHUP: reloaded: 2 sequence(s), added: other"));
                Run other = run("enroll", "--sequence", "other", "--email", "bob@example.org");
                assertThat(other.code()).as(other.err()).isZero();

                Files.writeString(intro, "name: intro\nsteps: []\n");
                hangUp(daemon);
                await().atMost(Duration.ofSeconds(30)).until(() -> daemon.log().contains(
                        "SIGHUP: nothing was reloaded: "));
                assertThat(daemon.log()).containsPattern("SIGHUP: nothing was reloaded: .*intro.yaml:2");
                assertThat(daemon.alive()).isTrue();
                System.out.println("[followup tests] transcript:\n" + broken.err() + reload.out() + status.out()
                        + daemon.log().lines().filter(line -> line.contains("SIGHUP")).reduce("", (a, b) -> a + b
                        + "\n"));
            }
        }
    }

    @Test
    void onADatabaseServerTheCommandValidatesAndSaysToSendSighup() {
        configFile = DaemonFiles.of(1, 1).database("jdbc:mariadb://127.0.0.1:1/none?user=nobody").write(base);

        Run reload = run("sequences", "reload");

        assertThat(reload.code()).as(reload.err()).isZero();
        assertThat(reload.out()).contains("valid: 1 sequence(s), 3 template(s)")
                .contains("not reloaded: a daemon on a database server has no command socket")
                .contains("systemctl reload followup").contains("kill -HUP")
                .contains("every node reloads on its own SIGHUP");
    }

    private static void hangUp(DaemonProcess daemon) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", configFile.toString()))
                .toArray(String[]::new);
        int code = Main.run(withConfig, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Run(code, out.toString(), err.toString());
    }
}
