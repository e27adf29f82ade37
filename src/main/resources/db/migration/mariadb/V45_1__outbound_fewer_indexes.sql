-- One index tree fewer for every draft the dispatcher writes (issue #13): ix_outbound_state (state, not_before)
-- and ix_outbound_snoozed (state, snoozed_until) become one index (state, snoozed_until, not_before). Every query
-- that used either reads the same entries with it (checked with EXPLAIN and the handler counts on MariaDB 10.11,
-- docs/benchmarks.md "Dispatch, fifth pass"): the send path's queued-and-due rows are a lookup on state whose
-- not_before test runs in the index (index condition pushdown), as it did with (state, not_before); the queue's
-- snoozed drafts are a range on (state, snoozed_until) and its not-snoozed count reads the index alone, as before.
ALTER TABLE outbound_message
    DROP INDEX ix_outbound_state,
    DROP INDEX ix_outbound_snoozed,
    ADD INDEX ix_outbound_waiting (state, snoozed_until, not_before);
