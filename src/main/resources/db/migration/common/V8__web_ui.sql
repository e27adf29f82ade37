-- The web UI: snoozed drafts and the owners' "drafts wait for approval" notices. Valid for MariaDB 10.6+ and for
-- H2 in MariaDB mode.

-- A pending_approval draft snoozed until this instant: the queue shows it again, and notices count it, only from
-- then on. NULL when not snoozed. Approving or rejecting it is still possible at any time.
ALTER TABLE outbound_message ADD COLUMN snoozed_until BIGINT;

-- One row per owner and hour slot (floor(epoch millis / 3600000)) in which a "drafts wait for approval" notice was
-- sent: the primary key keeps several daemons from both sending one for the same hour.
CREATE TABLE approval_notice (
    owner_email   VARCHAR(320) NOT NULL,
    hour_slot     BIGINT NOT NULL,
    outbound_id   BIGINT,
    pending       INT NOT NULL,
    sent_at       BIGINT NOT NULL,
    PRIMARY KEY (owner_email, hour_slot)
);
