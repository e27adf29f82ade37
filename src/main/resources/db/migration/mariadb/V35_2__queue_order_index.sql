-- The queue's due time (a deferral's time, else when the message was drafted) as a column, so that the queue's
-- order (state, tier, due, id) is one index (issue #13). Virtual: computed on read, stored in the index only.
ALTER TABLE outbound_message ADD COLUMN queue_due BIGINT AS (COALESCE(not_before, created_at)) VIRTUAL;
CREATE INDEX ix_outbound_queue ON outbound_message (state, tier, queue_due, id);
