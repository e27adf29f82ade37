package io.followup.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendJournalTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00.123Z");

    @TempDir
    Path dir;

    @Test
    void aReplayTellsWhichMessagesWereClaimedWhichBeganAndWhichTheServerAccepted() {
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> Set.copyOf(ids))) {
            journal.start();
            journal.claimed(java.util.List.of(1L, 2L, 3L));
            journal.beginning(1);
            journal.accepted(1, SmtpReply.of(250, "250 2.0.0 Ok: queued as 4Xy Z"), AT);
            journal.beginning(2);
        }

        Map<Long, SendJournal.Attempt> attempts = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())
                .replay().orElseThrow();

        assertThat(attempts).containsOnlyKeys(1L, 2L, 3L);
        assertThat(attempts.get(1L).wasAccepted()).isTrue();
        assertThat(attempts.get(1L).accepted().code()).isEqualTo(250);
        assertThat(attempts.get(1L).accepted().text()).isEqualTo("250 2.0.0 Ok: queued as 4Xy Z");
        assertThat(attempts.get(1L).acceptedAt()).isEqualTo(AT);
        assertThat(attempts.get(2L).begun()).isTrue();
        assertThat(attempts.get(2L).wasAccepted()).isFalse();
        assertThat(attempts.get(3L).begun()).isFalse();
    }

    @Test
    void aClaimLineCutShortByTheKillNamesNothing() throws IOException {
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())) {
            journal.start();
            journal.claimed(java.util.List.of(5L));
            journal.beginning(5);
        }
        Path file = Files.list(dir).findFirst().orElseThrow();
        Files.writeString(file, "C 101 102 10", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        Map<Long, SendJournal.Attempt> attempts = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())
                .replay().orElseThrow();

        assertThat(attempts).as("10 is not a claim: the line was cut in the middle of 103").containsOnlyKeys(5L);
        assertThat(attempts.get(5L).begun()).isTrue();
    }

    @Test
    void theJournalIsReadableAndWritableByItsOwnerOnly() throws IOException {
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())) {
            journal.start();
            journal.beginning(1);
        }

        assertThat(Files.getPosixFilePermissions(Files.list(dir).findFirst().orElseThrow()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aLineCutShortByTheKillStillCountsAsBegun() throws IOException {
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())) {
            journal.start();
            journal.beginning(7);
        }
        Path file = Files.list(dir).findFirst().orElseThrow();
        Files.writeString(file, "A 7 17", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        Map<Long, SendJournal.Attempt> attempts = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())
                .replay().orElseThrow();

        assertThat(attempts).containsOnlyKeys(7L);
        assertThat(attempts.get(7L).wasAccepted()).isFalse();
    }

    @Test
    void aJournalOfAnotherBootOrNodeOrNoneAtAllIsNotTrusted() {
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())) {
            journal.start();
            journal.beginning(1);
        }

        assertThat(new SendJournal(dir, "node-1", "boot-2", ids -> Set.of()).replay()).isEmpty();
        assertThat(new SendJournal(dir, "node-2", "boot-1", ids -> Set.of()).replay()).isEmpty();
        assertThat(new SendJournal(dir, "node-1", null, ids -> Set.of()).replay()).as("no boot id").isEmpty();
        assertThat(new SendJournal(dir.resolve("elsewhere"), "node-1", "boot-1", ids -> Set.of()).replay()).isEmpty();
        assertThat(SendJournal.none().replay()).isEmpty();
    }

    @Test
    void aJournalWrittenBeforeRecoveryStartedItIsNotTrusted() {
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())) {
            journal.beginning(1); // a sender used without the daemon's start
        }

        assertThat(new SendJournal(dir, "node-1", "boot-1", ids -> Set.of()).replay()).isEmpty();
    }

    @Test
    void compactionKeepsOnlyTheMessagesStillInSending() {
        Set<Long> sending = Set.of(7L, 10_500L);
        try (SendJournal journal = new SendJournal(dir, "node-1", "boot-1", ids -> ids.stream()
                .filter(sending::contains).collect(Collectors.toSet()))) {
            journal.start();
            for (long id = 1; id <= 10_500; id++) {
                journal.claimed(java.util.List.of(id));
                journal.beginning(id);
                if (id == 7) {
                    journal.accepted(id, SmtpReply.of(250, "250 Ok"), AT);
                }
            }
        }

        Map<Long, SendJournal.Attempt> attempts = new SendJournal(dir, "node-1", "boot-1", ids -> Set.of())
                .replay().orElseThrow();

        // compacted once, when "C 10000" was the 20,000th line: of 1..10000 only 7 was still sending
        assertThat(attempts.get(7L).wasAccepted()).isTrue();
        assertThat(attempts).doesNotContainKeys(1L, 8L, 9_999L).containsKeys(10_000L, 10_001L, 10_500L);
        assertThat(attempts.get(10_000L).begun()).isTrue();
        assertThat(attempts).hasSize(1 + 501);
    }

    @Test
    void theBootIdIsReadFromTheKernelWhereThereIsOne(@TempDir Path other) throws IOException {
        Path bootId = other.resolve("boot_id");
        Files.writeString(bootId, "5f0c2a4e-0b7d-4a4e-9d2b-1c5e0e1d2f3a\n");

        assertThat(SendJournal.readBootId(bootId)).isEqualTo("5f0c2a4e-0b7d-4a4e-9d2b-1c5e0e1d2f3a");
        assertThat(SendJournal.readBootId(other.resolve("missing"))).isNull();
    }
}
