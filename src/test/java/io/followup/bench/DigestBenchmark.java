package io.followup.bench;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.config.ConfigLoader;
import io.followup.config.OwnerConfig;
import io.followup.contact.ContactSpec;
import io.followup.digest.IsoWeek;
import io.followup.testing.MutableClock;
import io.followup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The weekly digest of an owner with N enrollments sent in the week before: build and render time. */
final class DigestBenchmark {

    private final TestDatabase.Kind kind;
    private final int enrollments;
    private final Path dir;

    DigestBenchmark(TestDatabase.Kind kind, int enrollments, Path dir) {
        this.kind = kind;
        this.enrollments = enrollments;
        this.dir = dir;
    }

    void run(BenchTable table) throws Exception {
        Files.createDirectories(dir);
        try (RawSmtpSink sink = new RawSmtpSink(); TestDatabase database = TestDatabase.create(kind, dir)) {
            Path configFile = BenchFiles.write(dir, database, sink.port(), 1);
            AppConfig config = new ConfigLoader(dir, BenchFiles.ENVIRONMENT).load(configFile);
            MutableClock clock = new MutableClock(DispatchSendBenchmark.START);
            try (Daemon daemon = Daemon.open(config, clock)) {
                for (int i = 0; i < enrollments; i++) {
                    daemon.enrollments().enroll(ContactSpec.of("d" + i + "@example.org", "Digest Contact" + i)
                            .withFields(Map.of("met_at", "the spring fair")), BenchFiles.SEQUENCE, "bench");
                }
                while (daemon.dispatcher().dispatchDue(1000) > 0) {
                    daemon.sender().sendDue(1000);
                }
                while (daemon.sender().sendDue(1000) > 0) {
                    continue;
                }
                clock.advance(Duration.ofDays(8));
                OwnerConfig owner = daemon.digests().owner(BenchFiles.OWNER);
                IsoWeek week = daemon.digests().lastCompleteWeek(owner);
                long start = System.nanoTime();
                daemon.digests().render(owner, week);
                double millis = (System.nanoTime() - start) / 1e6;
                table.add(new BenchTable.Row(String.format(Locale.ROOT, "weekly digest, %,d enrollments, %s",
                        enrollments, kind), BenchTable.millis(millis), "-", "-", "<= 5 s at 100k", millis <= 5000));
            }
        }
    }
}
