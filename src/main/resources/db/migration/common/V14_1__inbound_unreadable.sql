-- A message of a watched folder that could not be read (FETCH refused, body unreadable, too large). It is recorded
-- here before the watermark moves past it, shown to the owner, and read again with a growing delay until it is read
-- (state 'read'), a bounded number of attempts failed (state 'gave_up'; an inbound_message row with the error then
-- records it for good), it disappeared from the folder ('gone') or the folder's UIDVALIDITY changed ('reread':
-- the whole folder is read again). Times are epoch millis.
CREATE TABLE inbound_unreadable (
    mailbox_id       BIGINT NOT NULL,
    folder           VARCHAR(200) NOT NULL,
    uid_validity     BIGINT NOT NULL,
    uid              BIGINT NOT NULL,
    state            VARCHAR(20) NOT NULL,
    attempts         INT NOT NULL,
    first_failed_at  BIGINT NOT NULL,
    next_attempt_at  BIGINT NOT NULL,
    last_error       VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_inbound_unreadable PRIMARY KEY (mailbox_id, folder, uid_validity, uid),
    CONSTRAINT fk_unreadable_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
CREATE INDEX ix_unreadable_due ON inbound_unreadable (mailbox_id, folder, state, next_attempt_at);
