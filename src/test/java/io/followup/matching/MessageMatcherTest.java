package io.followup.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.contact.ContactStore;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageKind;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.EnrollmentStore;
import io.followup.store.Database;
import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageMatcherTest {

    @TempDir
    Path base;

    @ParameterizedTest
    @ValueSource(strings = {"Re: Great meeting you", "RE: Great meeting you", "AW: Great meeting you",
            "SV: Great meeting you", "Antw: Great meeting you", "Re[2]: Great meeting you",
            "Fwd: Re: Great meeting you", "re:re:  Great   meeting you ", "WG: Great meeting you",
            "Great meeting you"})
    void replyAndForwardPrefixesInManyLanguagesAreIgnored(String subject) {
        assertThat(MessageMatcher.normalizeSubject(subject)).isEqualTo("great meeting you");
    }

    @Test
    void aDatabaseFailureWhileLookingUpTheContactIsAnErrorNotANoMatch() {
        TestDatabase testDatabase = TestDatabase.create(TestDatabase.Kind.H2, base);
        try (Database database = testDatabase.open()) {
            database.migrate();
            database.jdbi().useHandle(handle -> {
                handle.execute("INSERT INTO mailbox (id, name, address, updated_at) VALUES (1, 'main', "
                        + "'owner@followup.test', 0)");
                handle.execute("""
                        INSERT INTO outbound_message (enrollment_id, mailbox_id, step_no, attempt, idempotency_key,
                            state, message_id, template, from_address, to_address, created_at, updated_at, kind)
                        VALUES (NULL, 1, 0, 1, 'notice:1', 'sent', '<notice-1@followup.test>', 'notice',
                            'owner@followup.test', 'owner@followup.test', 0, 0, 'notice')""");
                handle.execute("ALTER TABLE contact RENAME TO contact_elsewhere");
                InboundAnalysis reply = new InboundAnalysis(MessageKind.HUMAN_REPLY, "<reply@example.org>",
                        "owner@followup.test", "Re: notice", null, List.of(), null, "", List.of(
                        "<notice-1@followup.test>"), null, "a reply");
                MessageMatcher matcher = new MessageMatcher(new OutboxStore(),
                        new EnrollmentThreads(new EnrollmentStore()), new ContactStore());
                assertThatThrownBy(() -> matcher.match(handle, 1, reply)).isInstanceOf(JdbiException.class);
            });
        } finally {
            testDatabase.close();
        }
    }
}
