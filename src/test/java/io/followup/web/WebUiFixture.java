package io.followup.web;

import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.sequence.SequenceDefinition;
import io.followup.config.ApprovalConfig;
import io.followup.config.WebConfig;
import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.Enrollment;
import io.followup.testing.Chores;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDatabase;
import io.followup.testing.TestMail;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A started daemon with the web UI on a free loopback port, one user ({@link #USER} / {@link #PASSWORD}), tier-1
 * contacts waiting for approval, GreenMail and H2. Close it after the test.
 */
final class WebUiFixture implements AutoCloseable {

    static final String USER = "ada";
    static final String PASSWORD = "correct horse battery";
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    final TestMail mail = new TestMail();
    final TestDatabase database;
    final MutableClock clock = new MutableClock(START);
    final Daemon daemon;

    WebUiFixture(Path base) {
        this(base, List.of());
    }

    /** With {@code extra} sequences beside the test sequence "intro" (over the same templates). */
    WebUiFixture(Path base, List<SequenceDefinition> extra) {
        database = TestDatabase.create(TestDatabase.Kind.H2, base);
        AppConfig plain = TestConfigs.aConfig(base, mail, database);
        List<SequenceDefinition> sequences = new java.util.ArrayList<>(TestConfigs.intro());
        sequences.addAll(extra);
        WebConfig web = new WebConfig("127.0.0.1", 0, List.of(new WebConfig.WebUser(USER,
                new Passwords(4).hash(PASSWORD.toCharArray()))), null, null);
        daemon = Daemon.open(plain.withWeb(web, null).withApproval(new ApprovalConfig(Set.of(1))), sequences, clock);
    }

    WebUiFixture start() {
        daemon.start();
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + daemon.webPort();
    }

    /** Enrolls a contact and dispatches its first step (a tier-1 contact's draft then waits for approval). */
    OutboundMessage draftFor(String email, String name, int tier) {
        Enrollment enrollment = daemon.enrollments().enroll(new ContactSpec(email, name, null, null, null, tier,
                null, null, List.of(), Map.of("met_at", "the Lisbon meetup"), null), TestConfigs.SEQUENCE, "test");
        Chores.dispatch(daemon);
        return daemon.database().jdbi().withHandle(handle -> new OutboxStore().ofEnrollment(handle,
                enrollment.id())).get(0);
    }

    OutboundMessage message(long id) {
        return daemon.drafts().show(id);
    }

    @Override
    public void close() {
        daemon.close();
        mail.close();
        database.close();
    }
}
