package io.followup.metrics;

import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboxStore;
import io.followup.outbox.OutboxStore.ClaimAndReply;
import io.followup.outbox.BatchSendListener;
import io.followup.outbox.SendListener;
import io.followup.outbox.SmtpReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Counts sends and final failures by SMTP reply class ({@code followup_sends_total{result, reply_class}}) and times
 * each send from its claim to the server's final reply ({@code followup_send_seconds}); then tells {@code next}.
 * Reads the messages' claim times and reply codes (one query per batch) inside the recording transaction. Thread-safe.
 */
public final class SendMetrics implements BatchSendListener {

    private final MeterRegistry registry;
    private final SendListener next;
    private final Timer latency;
    private final OutboxStore outbox = new OutboxStore();

    SendMetrics(MeterRegistry registry, SendListener next) {
        this.registry = registry;
        this.next = next;
        this.latency = Timer.builder("followup.send").description("From claiming a message to the server's reply")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
    }

    /** The claim times and reply codes the sender passed on; one query reads those it did not know. */
    @Override
    public void sentAll(Handle handle, List<Sent> messages) {
        List<Long> unknown = messages.stream().filter(sent -> sent.claimedAt() == null)
                .map(sent -> sent.message().id()).toList();
        Map<Long, ClaimAndReply> rows = outbox.claimsAndReplies(handle, unknown);
        for (Sent sent : messages) {
            ClaimAndReply row = sent.claimedAt() != null ? new ClaimAndReply(sent.claimedAt().toEpochMilli(),
                    sent.reply() == null || !sent.reply().answered() ? null : sent.reply().code())
                    : rows.getOrDefault(sent.message().id(), new ClaimAndReply(null, null));
            if (row.sendingAt() != null) {
                latency.record(Duration.ofMillis(Math.max(0, sent.at().toEpochMilli() - row.sendingAt())));
            }
            count("sent", row.smtpCode());
        }
        next.sentAll(handle, messages);
    }

    @Override
    public void failed(Handle handle, OutboundMessage message, String reason, Instant now) {
        count("failed", outbox.claimAndReply(handle, message.id()).smtpCode());
        next.failed(handle, message, reason, now);
    }

    @Override
    public void recipientRefused(Handle handle, OutboundMessage message, SmtpReply reply, Instant now) {
        next.recipientRefused(handle, message, reply, now);
    }

    private void count(String result, Integer code) {
        Counter.builder("followup.sends").description("Sends and final failures by SMTP reply class")
                .tag("result", result).tag("reply_class", code == null || code < 100 ? "none" : code / 100 + "xx")
                .register(registry).increment();
    }

}
