package io.followup.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.inbound.InboundStore;
import io.followup.inbound.classify.MessageKind;
import io.followup.outbox.OutboundKind;
import io.followup.outbox.OutboundState;
import io.followup.outbox.OutboxStore;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EnrollmentStore;
import io.followup.store.EventKind;
import io.followup.store.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The demo's closing JSON line, counted through the stores: what was sent, received and decided. */
final class DemoSummary {

    private DemoSummary() {
    }

    static String of(Jdbi jdbi) {
        OutboxStore outbox = new OutboxStore();
        InboundStore inbound = new InboundStore();
        EnrollmentStore enrollments = new EnrollmentStore();
        EventLog events = new EventLog();
        Map<String, Long> summary = jdbi.withHandle(handle -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("sent", outbox.count(handle, OutboundState.SENT, OutboundKind.STEP));
            counts.put("replies", inbound.count(handle, MessageKind.HUMAN_REPLY));
            counts.put("auto_replies", inbound.count(handle, MessageKind.AUTO_REPLY));
            counts.put("bounces", inbound.count(handle, MessageKind.BOUNCE));
            counts.put("stopped", enrollments.countInState(handle, EnrollmentState.STOPPED));
            counts.put("paused", enrollments.countInState(handle, EnrollmentState.PAUSED));
            counts.put("escalated", events.count(handle, EventKind.ESCALATED));
            counts.put("completed", enrollments.countInState(handle, EnrollmentState.COMPLETED));
            counts.put("drafts_pending", outbox.count(handle, OutboundState.PENDING_APPROVAL));
            counts.put("digests_sent", events.count(handle, EventKind.DIGEST_SENT));
            return counts;
        });
        try {
            return new ObjectMapper().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
