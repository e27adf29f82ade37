-- OAuth2 grants of mailboxes with auth: oauth2 (followup mailboxes connect NAME). The refresh token is stored
-- encrypted (AES-GCM, key from the mailbox's auth.token_key); state 'revoked' pauses sending and watching.
CREATE TABLE oauth_grant (
    mailbox_id       BIGINT NOT NULL PRIMARY KEY,
    refresh_token    VARCHAR(8000) NOT NULL,
    state            VARCHAR(20) NOT NULL,
    problem          VARCHAR(1000),
    connected_at     BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CONSTRAINT fk_oauth_grant_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
