package io.followup.inbound.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Measures {@link ReplyTextExtractor} on the shared reply-text corpus: the exact-match rate
 * over every sample, printed with the names of the failing samples.
 */
class ReplyTextCorpusTest {

    private static final double REQUIRED_EXACT_MATCH_RATE = 0.90;

    private final ReplyTextExtractor extractor = new ReplyTextExtractor();

    @Test
    void extractsTheExpectedTextFromAtLeastNinetyPercentOfTheCorpus() throws IOException {
        Path corpus = Path.of(System.getProperty("followup.shared.dir", "../shared"), "corpora", "reply-text");
        Assumptions.assumeTrue(Files.isDirectory(corpus.resolve("emails")),
                corpus + " not found: corpus tests skipped");

        List<Path> samples;
        try (Stream<Path> files = Files.list(corpus.resolve("emails"))) {
            samples = files.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        for (Path sample : samples) {
            Path expectedFile = corpus.resolve("expected").resolve(sample.getFileName());
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).strip();
            String actual = extractor.extract(Files.readString(sample, StandardCharsets.UTF_8));
            if (!expected.equals(actual)) {
                failures.add(sample.getFileName().toString());
                if (Boolean.getBoolean("followup.corpus.verbose")) {
                    System.out.println("--- " + sample.getFileName() + " expected:\n" + expected + "\n--- actual:\n" + actual);
                }
            }
        }
        double rate = (samples.size() - failures.size()) / (double) samples.size();
        System.out.printf("reply-text corpus: %d/%d exact matches (%.1f%%); failing: %s%n",
                samples.size() - failures.size(), samples.size(), rate * 100, failures);

        assertThat(samples).isNotEmpty();
        assertThat(rate).as("exact-match rate; failing samples: %s", failures)
                .isGreaterThanOrEqualTo(REQUIRED_EXACT_MATCH_RATE);
    }
}
