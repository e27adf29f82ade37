-- Approval decisions and per-mailbox sending caps. Valid for MariaDB 10.6+ and for H2 in MariaDB mode.

-- One row per mailbox, locked (SELECT ... FOR UPDATE) by the transaction that claims a message of that mailbox,
-- so the caps and the spacing hold with several daemons on one database. next_send_at: the earliest instant the
-- next send may be claimed (the random spacing after the last one).
CREATE TABLE mailbox_pacing (
    mailbox_id    BIGINT NOT NULL PRIMARY KEY,
    next_send_at  BIGINT,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT fk_pacing_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);

-- Counting the sends of a mailbox in the last hour / 24 hours.
CREATE INDEX ix_outbound_mailbox_sending ON outbound_message (mailbox_id, sending_at);

-- Every decision a person made on a draft: approve | reject | edit | resolve_sent | resolve_resend.
-- changes: what changed, in words (e.g. "subject, text"); old_/new_ hold the values before and after.
CREATE TABLE approval_decision (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    outbound_id  BIGINT NOT NULL,
    decision     VARCHAR(20) NOT NULL,
    decided_by   VARCHAR(100) NOT NULL,
    decided_at   BIGINT NOT NULL,
    old_state    VARCHAR(20) NOT NULL,
    new_state    VARCHAR(20) NOT NULL,
    reason       VARCHAR(1000),
    changes      VARCHAR(200),
    old_subject  VARCHAR(998),
    new_subject  VARCHAR(998),
    old_text     MEDIUMTEXT,
    new_text     MEDIUMTEXT,
    CONSTRAINT fk_decision_outbound FOREIGN KEY (outbound_id) REFERENCES outbound_message (id)
);
CREATE INDEX ix_decision_outbound ON approval_decision (outbound_id, id);
