-- The approval queue at scale (issue #13): the queue is listed by the contact's tier, then due time, then id. The
-- tier lives on contact, so no index could give that order; it is copied onto each message (filled when the message
-- is written, kept right while it is unsent when a contact's tier changes; 3, the default tier, when no contact has the address).
ALTER TABLE outbound_message ADD COLUMN tier INT NOT NULL DEFAULT 3;
UPDATE outbound_message SET tier = COALESCE((SELECT c.tier FROM contact c WHERE c.email = outbound_message.to_address), 3)
WHERE state IN ('held', 'pending_approval', 'queued', 'sending', 'in_doubt');
-- The queue lists the drafts snoozed now apart (a few), found by their snooze time, and counts the others up to 10,000
-- from this index alone (without it, each counted row was read from the table: 0.2-2 s at 1M rows).
CREATE INDEX ix_outbound_snoozed ON outbound_message (state, snoozed_until);
