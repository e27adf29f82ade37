package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.contact.ContactSpec;
import io.followup.digest.OutcomeGroup;
import io.followup.digest.Outcomes;
import io.followup.digest.VariantComparison;
import io.followup.digest.WeekOutcomes;
import io.followup.sequence.Enrollment;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A/B variants of a step: each enrollment's variant is chosen once, recorded, and kept across a restart even when the
 * weights change; the digest's outcomes report sent and replies per variant.
 */
class VariantIT {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final int CONTACTS = 12;

    private TestDaemon driver;

    private static SequenceDefinition sequence(int firstWeight, int secondWeight) {
        return new SequenceDefinition(TestConfigs.SEQUENCE, "with variants", "main", List.of(
                StepDefinition.withVariants(1, Wait.NONE, false, false, List.of(
                        new StepDefinition.Variant("intro/first", firstWeight),
                        new StepDefinition.Variant("intro/second", secondWeight))),
                new StepDefinition(2, "intro/third", new Wait(2, Wait.Unit.DAYS), false)),
                new Wait(3, Wait.Unit.DAYS));
    }

    @DaemonTest
    void theVariantIsChosenOnceKeptAcrossARestartAndReportedPerVariant(TestDaemon given) throws Exception {
        driver = given.sequences(List.of(sequence(50, 50)));
        List<Enrollment> enrollments = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            enrollments.add(driver.daemon().enrollments().enroll(ContactSpec.of("c" + i + "@example.org",
                    "Contact " + i).withFields(Map.of("met_at", "the meetup")), TestConfigs.SEQUENCE, "test"));
        }
        assertThat(driver.daemon().dispatcher().dispatchDue(100)).isEqualTo(CONTACTS);
        Map<Long, String> chosen = recorded();
        assertThat(chosen).hasSize(CONTACTS);
        assertThat(chosen.values()).as("both variants are used").contains("intro/first", "intro/second");

        driver.open(driver.config(), List.of(sequence(1, 99)));
        driver.runChores();

        assertThat(recorded()).as("a restart with other weights moves no one").isEqualTo(chosen);
        for (Enrollment enrollment : enrollments) {
            assertThat(driver.sentTemplates(enrollment.id())).containsExactly(chosen.get(enrollment.id()));
        }
        Enrollment first = enrollments.stream().filter(e -> chosen.get(e.id()).equals("intro/first")).findFirst()
                .orElseThrow();
        String email = "c" + enrollments.indexOf(first) + "@example.org";
        driver.clock().advance(Duration.ofHours(3));
        driver.receive(email, "Re: hello", "Yes, I am interested, let us talk.",
                driver.mail().receivedBy(email).get(0).getMessageID());
        driver.clock().advance(Duration.ofDays(2).plusMinutes(1));
        driver.runChores();
        assertThat(driver.sentTemplates(first.id())).as("the reply stopped it").hasSize(1);
        assertThat(recorded()).as("step 2 has no variants: nothing recorded for it").hasSize(CONTACTS);

        WeekOutcomes outcomes = driver.daemon().database().jdbi().withHandle(handle -> new Outcomes().read(handle,
                driver.daemon().catalog().mailboxes().keySet(), START, driver.clock().instant(), ZoneId.of("UTC")));
        Map<String, OutcomeGroup> byVariant = new HashMap<>();
        outcomes.byVariant().forEach(group -> byVariant.put(group.template(), group));
        assertThat(byVariant).containsOnlyKeys("intro/first", "intro/second");
        long firsts = chosen.values().stream().filter("intro/first"::equals).count();
        assertThat(byVariant.get("intro/first").counts().sent()).isEqualTo((int) firsts);
        assertThat(byVariant.get("intro/second").counts().sent()).isEqualTo(CONTACTS - (int) firsts);
        assertThat(byVariant.get("intro/first").counts().replies()).isEqualTo(1);
        assertThat(byVariant.get("intro/second").counts().replies()).isZero();
        assertThat(byVariant.get("intro/first").step()).isEqualTo(1);

        List<VariantComparison.Step> compared = new VariantComparison().compare(outcomes.byVariant());
        assertThat(compared).hasSize(1);
        assertThat(compared.get(0).leader()).as("no winner claimed on a dozen sends").isNull();
        assertThat(compared.get(0).verdict()).startsWith("too few to compare");
    }

    private Map<Long, String> recorded() {
        Map<Long, String> chosen = new HashMap<>();
        driver.daemon().database().jdbi().useHandle(handle -> handle.createQuery(
                        "SELECT enrollment_id, template FROM step_variant WHERE step_no = 1")
                .map((rs, ctx) -> Map.entry(rs.getLong("enrollment_id"), rs.getString("template")))
                .forEach(entry -> chosen.put(entry.getKey(), entry.getValue())));
        return chosen;
    }
}
