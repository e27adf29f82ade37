package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the classifier on the shared bounce corpus (sisimai sample) and fails below the
 * agreed thresholds. Scores are printed so that regressions are visible in the build log.
 */
class BounceCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageClassifier CLASSIFIER = new MessageClassifier();
    private static final List<Sample> SAMPLES = new ArrayList<>();

    private record Sample(String file, String kind, List<String> classes, List<String> reasons,
                          List<String> finalRecipients, byte[] raw, InboundAnalysis analysis) {
    }

    @BeforeAll
    static void classifyTheCorpus() throws IOException {
        Path dir = Path.of(System.getProperty("followup.shared.dir", "../shared"), "corpora", "bounces");
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " not found: corpus tests skipped");
        SAMPLES.clear();
        long started = System.nanoTime();
        for (String line : Files.readAllLines(dir.resolve("expected.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode expected = JSON.readTree(line);
            String file = expected.get("file").asText();
            byte[] raw = Files.readAllBytes(dir.resolve("emails").resolve(file));
            SAMPLES.add(new Sample(file, expected.get("kind").asText(), texts(expected.get("classes")),
                    texts(expected.get("reasons")), texts(expected.get("final_recipients")), raw, CLASSIFIER.classify(raw)));
        }
        System.out.printf("classified %d corpus messages in %d ms (including reading files)%n", SAMPLES.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> values.add(node.asText()));
        }
        return values;
    }

    @Test
    void atLeastNinetySevenPercentOfBouncesAreDetected() {
        List<Sample> bounces = ofKind("bounce");
        long detected = bounces.stream().filter(sample -> sample.analysis().kind() == MessageKind.BOUNCE).count();
        bounces.stream().filter(sample -> sample.analysis().kind() != MessageKind.BOUNCE)
                .forEach(sample -> System.out.println("  missed bounce " + sample.file() + " -> "
                        + sample.analysis().kind() + " (" + sample.analysis().explanation() + ")"));
        double rate = ratio(detected, bounces.size());
        System.out.printf("bounce detected: %d/%d = %.1f%%%n", detected, bounces.size(), rate);
        assertThat(rate).isGreaterThanOrEqualTo(97.0);
    }

    @Test
    void atLeastNinetyFivePercentOfFailedRecipientsGetTheRightClass() {
        long correct = 0;
        long total = 0;
        for (Sample sample : ofKind("bounce")) {
            if (sample.analysis().kind() != MessageKind.BOUNCE) {
                continue;
            }
            Map<String, Integer> found = new HashMap<>();
            sample.analysis().failedRecipients().forEach(recipient ->
                    found.merge(recipient.bounceClass().wireName(), 1, Integer::sum));
            long sampleCorrect = 0;
            for (String expectedClass : sample.classes()) {
                Integer left = found.get(expectedClass);
                if (left != null && left > 0) {
                    found.put(expectedClass, left - 1);
                    sampleCorrect++;
                }
            }
            if (sampleCorrect < sample.classes().size()) {
                System.out.println("  class mismatch " + sample.file() + " expected " + sample.classes() + " got "
                        + sample.analysis().failedRecipients().stream()
                        .map(recipient -> recipient.bounceClass().wireName() + "/" + recipient.status()).toList());
            }
            correct += sampleCorrect;
            total += sample.classes().size();
        }
        double rate = ratio(correct, total);
        System.out.printf("bounce class accuracy: %d/%d = %.1f%%%n", correct, total, rate);
        assertThat(rate).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void fineReasonsAgreeWithTheCorpusLabelsMostOfTheTime() {
        long correct = 0;
        long total = 0;
        for (Sample sample : ofKind("bounce")) {
            Map<String, Integer> found = new HashMap<>();
            sample.analysis().failedRecipients().forEach(recipient ->
                    found.merge(recipient.reason().wireName(), 1, Integer::sum));
            for (String expectedReason : sample.reasons()) {
                Integer left = found.get(expectedReason);
                if (left != null && left > 0) {
                    found.put(expectedReason, left - 1);
                    correct++;
                }
            }
            total += sample.reasons().size();
        }
        double rate = ratio(correct, total);
        System.out.printf("bounce fine reason (sisimai name) agreement: %d/%d = %.1f%%%n", correct, total, rate);
        assertThat(rate).isGreaterThanOrEqualTo(60.0);
    }

    @Test
    void atLeastNinetyFivePercentOfSamplesNamingARecipientGetOneOfItsAddresses() {
        List<Sample> named = SAMPLES.stream()
                .filter(sample -> sample.kind().equals("bounce") && !sample.finalRecipients().isEmpty()).toList();
        long found = 0;
        for (Sample sample : named) {
            List<String> addresses = sample.analysis().failedRecipients().stream()
                    .map(FailedRecipient::address).toList();
            if (addresses.stream().anyMatch(sample.finalRecipients()::contains)) {
                found++;
            } else {
                System.out.println("  recipient missing " + sample.file() + " expected " + sample.finalRecipients()
                        + " got " + addresses);
            }
        }
        double rate = ratio(found, named.size());
        System.out.printf("failed recipient found: %d/%d = %.1f%%%n", found, named.size(), rate);
        assertThat(rate).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void everyAutoReplySampleIsAnAutoReply() {
        List<Sample> autoReplies = ofKind("auto_reply");
        assertThat(autoReplies).isNotEmpty();
        assertThat(autoReplies).allSatisfy(sample ->
                assertThat(sample.analysis().kind()).as(sample.file()).isEqualTo(MessageKind.AUTO_REPLY));
    }

    @Test
    void noNonBounceSampleIsClassifiedAsBounce() {
        assertThat(ofKind("not_bounce")).allSatisfy(sample ->
                assertThat(sample.analysis().kind()).as(sample.file()).isNotEqualTo(MessageKind.BOUNCE));
    }

    @Test
    void everyComplaintSampleIsAComplaint() {
        List<Sample> complaints = ofKind("complaint");
        assertThat(complaints).isNotEmpty();
        assertThat(complaints).allSatisfy(sample ->
                assertThat(sample.analysis().kind()).as(sample.file()).isEqualTo(MessageKind.COMPLAINT));
    }

    @Test
    void everyBounceAndComplaintRefersToTheMessageItQuotes() {
        long withReference = SAMPLES.stream()
                .filter(sample -> sample.analysis().kind() == MessageKind.BOUNCE
                        || sample.analysis().kind() == MessageKind.COMPLAINT)
                .filter(sample -> !sample.analysis().references().isEmpty()).count();
        long reports = SAMPLES.stream().filter(sample -> sample.analysis().kind() == MessageKind.BOUNCE
                || sample.analysis().kind() == MessageKind.COMPLAINT).count();
        System.out.printf("bounces/complaints with a reference: %d/%d%n", withReference, reports);
        assertThat(SAMPLES).allSatisfy(sample -> assertThat(sample.analysis().references())
                .allSatisfy(id -> assertThat(id).startsWith("<").endsWith(">").contains("@")));
        assertThat(ratio(withReference, reports)).isGreaterThanOrEqualTo(75.0);
    }

    @Test
    void oneClassifierSharedByManyThreadsGivesTheSameAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<InboundAnalysis>> results = new ArrayList<>();
            for (Sample sample : SAMPLES) {
                results.add(pool.submit(() -> CLASSIFIER.classify(sample.raw())));
            }
            for (int index = 0; index < SAMPLES.size(); index++) {
                assertThat(results.get(index).get()).as(SAMPLES.get(index).file())
                        .isEqualTo(SAMPLES.get(index).analysis());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Sample> ofKind(String kind) {
        return SAMPLES.stream().filter(sample -> sample.kind().equals(kind)).toList();
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }
}
