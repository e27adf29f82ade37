-- The daemons that share the folders' leases (several nodes on one database): each writes its row every few
-- seconds while it watches mailboxes and deletes it when it stops; the nodes seen lately split the folders evenly
-- between them. Times are wall-clock epoch millis.
CREATE TABLE lease_node (
    node_id  VARCHAR(100) NOT NULL,
    seen_at  BIGINT NOT NULL,
    CONSTRAINT pk_lease_node PRIMARY KEY (node_id)
);

-- Each node renews all its leases with one statement per heartbeat.
CREATE INDEX ix_folder_lease_node ON mailbox_folder_lease (node_id);
