-- One index tree fewer for every draft the dispatcher writes (issue #13); see mariadb/V45_1.
DROP INDEX ix_outbound_state;
DROP INDEX ix_outbound_snoozed;
CREATE INDEX ix_outbound_waiting ON outbound_message (state, snoozed_until, not_before);
