-- Running counts of the sends claimed per mailbox, in buckets: one-minute buckets (span_ms 60000) for the hourly
-- cap, one-hour buckets (span_ms 3600000) for the daily cap. SendPacing adds to them under the mailbox's pacing
-- row lock and reads a few rows instead of counting a day of sends on every claim. They are an upper bound (a send
-- that went back to the queue is not taken out again): when they come near a cap, the exact count on
-- outbound_message decides. Buckets older than a day are deleted as new ones start.
CREATE TABLE mailbox_send_count (
    mailbox_id    BIGINT NOT NULL,
    span_ms       BIGINT NOT NULL,
    bucket_start  BIGINT NOT NULL,
    sends         INT NOT NULL,
    PRIMARY KEY (mailbox_id, span_ms, bucket_start)
);

-- The sends claimed before this migration, so the caps keep counting them.
INSERT INTO mailbox_send_count (mailbox_id, span_ms, bucket_start, sends)
SELECT mailbox_id, 60000, FLOOR(sending_at / 60000) * 60000, COUNT(*) FROM outbound_message
WHERE sending_at IS NOT NULL AND state IN ('sending', 'sent', 'in_doubt', 'failed')
GROUP BY mailbox_id, FLOOR(sending_at / 60000) * 60000;

INSERT INTO mailbox_send_count (mailbox_id, span_ms, bucket_start, sends)
SELECT mailbox_id, 3600000, FLOOR(sending_at / 3600000) * 3600000, COUNT(*) FROM outbound_message
WHERE sending_at IS NOT NULL AND state IN ('sending', 'sent', 'in_doubt', 'failed')
GROUP BY mailbox_id, FLOOR(sending_at / 3600000) * 3600000;
