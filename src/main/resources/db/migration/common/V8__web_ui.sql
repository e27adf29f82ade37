-- The web UI: snoozed drafts and the owners' "drafts wait for approval" notices. Valid for MariaDB 10.6+ and for
-- H2 in MariaDB mode.

-- A pending_approval draft snoozed until this instant: the queue shows it again, and notices count it, only from
-- then on. NULL when not snoozed. Approving or rejecting it is still possible at any time.
ALTER TABLE outbound_message ADD COLUMN snoozed_until BIGINT;

-- One row per owner: when the last "drafts wait for approval" notice was queued. A daemon claims the next one
-- with a conditional UPDATE (sent_at more than an hour ago) or, for the first, an INSERT (the primary key refuses a
-- second): several daemons on one database never both notify an owner within an hour.
CREATE TABLE approval_notice (
    owner_email   VARCHAR(320) NOT NULL PRIMARY KEY,
    sent_at       BIGINT NOT NULL,
    pending       INT NOT NULL,
    outbound_id   BIGINT
);
