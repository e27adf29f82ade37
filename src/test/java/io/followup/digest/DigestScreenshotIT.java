package io.followup.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML digest of the seeded fortnight ({@link DigestFixture}) with headless Chromium at a phone's width.
 * With {@code -Dfollowup.screenshots.dir=docs/screenshots} it writes {@code digest.png} there (committed and shown
 * in the README). Skipped when {@code /usr/bin/chromium} is missing.
 */
class DigestScreenshotIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path base;

    @Test
    void theHtmlDigestRendersInAPhoneSizedBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " not found: digest screenshot skipped");
        String html;
        try (TestMail mail = new TestMail(); TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2, base);
             Daemon daemon = Daemon.open(TestConfigs.aConfig(base, mail, database), TestConfigs.intro(),
                     new MutableClock(DigestFixture.AS_OF))) {
            new DigestFixture(daemon.database().jdbi(), daemon.catalog().mailboxId("main"),
                    daemon.catalog().sequenceId(TestConfigs.SEQUENCE).orElseThrow()).seed();
            html = daemon.digests().render(daemon.digests().owner(null), IsoWeek.parse("2026-W47"))
                    .htmlWithDataUris();
        }
        Path page = base.resolve("digest.html");
        Files.writeString(page, html);
        Path png = base.resolve("digest.png");

        screenshot(page, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(420);
        assertThat(image.getHeight()).isEqualTo(1400);
        String target = System.getProperty("followup.screenshots.dir");
        if (target != null && !target.isBlank()) {
            Path dir = Path.of(target);
            Files.createDirectories(dir);
            Files.copy(png, dir.resolve("digest.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void screenshot(Path page, Path png) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(base.resolve("chromium-profile"));
        Process process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=420,1400",
                "--screenshot=" + png, page.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(base.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        assertThat(process.exitValue()).as(Files.readString(base.resolve("chromium.log"))).isZero();
        assertThat(png).exists();
    }
}
