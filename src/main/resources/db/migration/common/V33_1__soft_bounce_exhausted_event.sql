-- A soft bounce after the last retry used to be recorded as a 'bounce' event (the enrollment's 'stopped' row
-- saying "bounced (soft, retries exhausted)" was the only sign it was soft); it is now a kind of its own, so the
-- digest counts it without matching that sentence. Rows written before are given their kind here.
UPDATE event_log SET event = 'soft_bounce_exhausted'
WHERE event = 'bounce' AND inbound_id IS NOT NULL
  AND inbound_id IN (SELECT s.inbound_id FROM event_log s
                     WHERE s.event = 'stopped' AND s.detail LIKE 'bounced (soft%' AND s.inbound_id IS NOT NULL);
