package io.followup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.sequence.SequenceLoader;
import io.followup.contact.ContactSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real daemon as a child process: it starts, sends, survives kill -9 and starts again on the same data. */
class DaemonProcessIT {

    @TempDir
    Path base;

    @Test
    void theDaemonSendsAsAChildProcessAndStartsAgainAfterKillNine() {
        try (TestMail mail = new TestMail(); FaultSmtpSink sink = FaultSmtpSink.start()) {
            Path configFile = DaemonFiles.of(sink.port(), mail.imapPort()).write(base);
            AppConfig config = new ConfigLoader(base, Map.of()).load(configFile);
            try (Daemon daemon = Daemon.open(config, SequenceLoader.load(config, base), Clock.systemUTC())) {
                daemon.enrollments().enroll(ContactSpec.of("erin@example.org", "Erin Eng")
                        .withFields(Map.of("met_at", "the Oslo meetup")), TestConfigs.SEQUENCE, "test");
            }

            try (DaemonProcess daemon = DaemonProcess.forConfig(configFile).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> sink.kept().size() == 1);
                long firstPid = daemon.pid();

                daemon.kill();
                assertThat(daemon.alive()).isFalse();
                daemon.restart();

                assertThat(daemon.pid()).isNotEqualTo(firstPid);
                assertThat(daemon.starts()).isEqualTo(2);
                assertThat(daemon.log()).contains("=== start 2");
                daemon.stop(Duration.ofSeconds(30));
                assertThat(daemon.alive()).isFalse();
            }
            assertThat(sink.kept()).singleElement().satisfies(received ->
                    assertThat(received.recipients()).containsExactly("erin@example.org"));
            // killed right after the sink took the message, the row may still have been "sending": then in_doubt
            DaemonProcess.CommandResult sent = DaemonProcess.command(base, Duration.ofSeconds(60),
                    "drafts", "list", "--state", "sent", "--state", "in_doubt", "--config", configFile.toString());
            assertThat(sent.exitCode()).as(sent.output()).isZero();
            assertThat(sent.output()).contains("erin@example.org");
        }
    }
}
