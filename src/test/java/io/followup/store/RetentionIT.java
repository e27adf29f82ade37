package io.followup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.config.RetentionConfig;
import io.followup.contact.ContactSpec;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The housekeeping chore on the accelerated clock: inbound text goes after {@code inbound_bodies}, events after
 * {@code events}; younger ones stay, and the inbound row (kind, match) stays.
 */
class RetentionIT {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private TestDaemon driver;

    @DaemonTest
    void oldInboundTextAndOldEventsAreErasedYoungerOnesKept(TestDaemon given) {
        driver = given.sequences(List.of(new SequenceDefinition(TestConfigs.SEQUENCE, "one",
                "main", List.of(new StepDefinition(1, "intro/first", Wait.NONE, false)), new Wait(3, Wait.Unit.DAYS))));
        driver.reopen(config -> config.withOperations(null, new RetentionConfig(Duration.ofDays(90),
                Duration.ofDays(365))));
        driver.daemon().enrollments().enroll(ContactSpec.of("alice@example.org", "Alice Adams")
                .withFields(Map.of("met_at", "the fair")), TestConfigs.SEQUENCE, "test");
        driver.runChores();
        driver.receive("alice@example.org", "Re: hello", "Old words, to be erased.", sentMessageId());
        int eventsAtStart = count("SELECT COUNT(*) FROM event_log");
        assertThat(eventsAtStart).isGreaterThan(2);

        driver.clock().advance(Duration.ofDays(89));
        driver.daemon().enrollments().enroll(ContactSpec.of("bob@example.org", "Bob Brown")
                .withFields(Map.of("met_at", "the fair")), TestConfigs.SEQUENCE, "test");
        assertThat(driver.daemon().retention().sweep()).isEqualTo(new io.followup.store.Retention.Swept(0, 0));

        driver.clock().advance(Duration.ofDays(2));
        assertThat(driver.daemon().retention().sweep().inboundBodies()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE reply_text IS NULL AND subject IS NULL "
                + "AND kind = 'human_reply'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM event_log")).isGreaterThan(eventsAtStart);

        driver.clock().advance(Duration.ofDays(365 - 91 + 1));
        Retention.Swept swept = driver.daemon().retention().sweep();
        assertThat(swept.events()).isEqualTo(eventsAtStart);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE at < :before")).isZero();
        assertThat(count("SELECT COUNT(*) FROM event_log")).as("bob's enrollment, 89 days later, is kept")
                .isPositive();
        assertThat(driver.daemon().retention().sweep().total()).as("a second run finds nothing").isZero();
    }

    private String sentMessageId() {
        return driver.daemon().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT message_id FROM outbound_message WHERE state = 'sent'").mapTo(String.class).one());
    }

    private int count(String query) {
        return driver.daemon().database().jdbi().withHandle(handle -> {
            var select = handle.createQuery(query);
            if (query.contains(":before")) {
                select.bind("before", driver.clock().instant().minus(Duration.ofDays(365)).toEpochMilli());
            }
            return select.mapTo(Integer.class).one();
        });
    }
}
