package io.followup.demo;

import io.followup.store.EventKind;
import io.followup.store.EventLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The demo's closing JSON line, counted from the database: what was sent, received and decided. */
final class DemoSummary {

    private DemoSummary() {
    }

    static String of(Jdbi jdbi) {
        Map<String, Long> summary = jdbi.withHandle(handle -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("sent", count(handle, "SELECT COUNT(*) FROM outbound_message WHERE state = 'sent' AND kind = 'step'"));
            counts.put("replies", count(handle, "SELECT COUNT(*) FROM inbound_message WHERE kind = 'human_reply'"));
            counts.put("auto_replies", count(handle, "SELECT COUNT(*) FROM inbound_message WHERE kind = 'auto_reply'"));
            counts.put("bounces", count(handle, "SELECT COUNT(*) FROM inbound_message WHERE kind = 'bounce'"));
            counts.put("stopped", count(handle, "SELECT COUNT(*) FROM enrollment WHERE state = 'stopped'"));
            counts.put("paused", count(handle, "SELECT COUNT(*) FROM enrollment WHERE state = 'paused'"));
            counts.put("escalated", events(handle, EventKind.ESCALATED));
            counts.put("completed", count(handle, "SELECT COUNT(*) FROM enrollment WHERE state = 'completed'"));
            counts.put("drafts_pending",
                    count(handle, "SELECT COUNT(*) FROM outbound_message WHERE state = 'pending_approval'"));
            counts.put("digests_sent", events(handle, EventKind.DIGEST_SENT));
            return counts;
        });
        try {
            return new ObjectMapper().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long events(Handle handle, EventKind kind) {
        return new EventLog().count(handle, kind);
    }

    private static long count(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}
