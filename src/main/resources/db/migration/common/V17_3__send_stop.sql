-- The stop switch: while a row exists, no outgoing mail of its scope is sent (steps, notices, check-ins,
-- thank-yous, digests); it stays queued. scope: '*' for the whole daemon, else a mailbox name.
CREATE TABLE send_stop (
    scope       VARCHAR(100) NOT NULL PRIMARY KEY,
    stopped_by  VARCHAR(200) NOT NULL,
    stopped_at  BIGINT NOT NULL
);
