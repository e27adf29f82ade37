-- Which daemon watches a mailbox: one node at a time holds the lease and renews it while it watches; another node
-- takes over only after the lease expired (the holder stopped or died). Times are wall-clock epoch millis.
CREATE TABLE mailbox_lease (
    mailbox_id  BIGINT NOT NULL PRIMARY KEY,
    node_id     VARCHAR(100) NOT NULL,
    expires_at  BIGINT NOT NULL,
    CONSTRAINT fk_lease_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
