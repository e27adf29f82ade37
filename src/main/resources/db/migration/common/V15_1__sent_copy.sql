-- A copy of each sent message for the mailbox's Sent folder (IMAP APPEND), written in the transaction that marks
-- the message sent and appended afterwards by a chore. raw_base64 is the exact bytes sent (cleared once stored).
-- state: pending (to append; next_attempt_at says when), stored, failed (gave up after retries; last_error says
-- why), skipped (no Sent folder to put it in). Appending never touches outbound_message: it cannot cause a resend.
-- Times are epoch millis. No foreign key to outbound_message, so deleting old messages is never blocked by a copy
-- (whoever deletes an outbound_message deletes its sent_copy too).
CREATE TABLE sent_copy (
    outbound_id     BIGINT NOT NULL PRIMARY KEY,
    mailbox_id      BIGINT NOT NULL,
    message_id      VARCHAR(255) NOT NULL,
    raw_base64      MEDIUMTEXT,
    state           VARCHAR(20) NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    folder          VARCHAR(200),
    last_error      VARCHAR(1000),
    created_at      BIGINT NOT NULL,
    stored_at       BIGINT,
    CONSTRAINT fk_sent_copy_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
CREATE INDEX ix_sent_copy_due ON sent_copy (state, next_attempt_at);
