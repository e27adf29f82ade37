package io.followup.sentfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestDaemon;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SentCopyStore#addAll}: one insert when no copy is recorded yet; when some are (or one message comes twice),
 * the others are recorded once each, the recorded ones are left as they were, and the transaction goes on.
 */
class SentCopyStoreIT {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @DaemonTest
    void copiesAlreadyRecordedAreKeptAndTheOthersRecordedOnceInTheSameTransaction(TestDaemon followup) {
        Daemon daemon = followup.daemon();
        Jdbi jdbi = daemon.database().jdbi();
        long mailbox = jdbi.withHandle(handle -> handle.createQuery("SELECT MIN(id) FROM mailbox").mapTo(Long.class)
                .one());
        SentCopyStore store = new SentCopyStore();
        jdbi.useTransaction(handle -> store.addAll(handle, List.of(copy(1, mailbox, "first"), copy(2, mailbox,
                "first"))));
        assertThat(raws(jdbi)).as("none recorded before: all in one go").isEqualTo(Map.of(1L, "first", 2L, "first"));

        jdbi.useTransaction(handle -> {
            store.addAll(handle, List.of(copy(3, mailbox, "second"), copy(1, mailbox, "second"),
                    copy(4, mailbox, "second"), copy(4, mailbox, "third"), copy(2, mailbox, "second")));
            // the transaction goes on after the insert that met a recorded copy
            store.addAll(handle, List.of(copy(5, mailbox, "fourth")));
        });

        assertThat(raws(jdbi)).as("1 and 2 as first recorded; 3, 4 and 5 once each").isEqualTo(Map.of(
                1L, "first", 2L, "first", 3L, "second", 4L, "second", 5L, "fourth"));
    }

    private static SentCopyStore.Copy copy(long outboundId, long mailboxId, String raw) {
        return new SentCopyStore.Copy(outboundId, mailboxId, "<" + outboundId + "@test>",
                raw.getBytes(StandardCharsets.US_ASCII), NOW);
    }

    private static Map<Long, String> raws(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT outbound_id, raw_base64 FROM sent_copy")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new String(java.util.Base64.getDecoder().decode(
                        rs.getString(2)), StandardCharsets.US_ASCII))).list()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
