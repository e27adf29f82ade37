-- Which daemon watches a folder of a mailbox (several folders per mailbox, each watched on its own): one node at a
-- time holds a folder's lease and renews it while it watches; another node takes over only after it expired. The
-- per-mailbox leases of V10 become leases on the mailbox's INBOX, so a node upgraded while another watches keeps
-- its hands off until that lease expires. Times are wall-clock epoch millis.
CREATE TABLE mailbox_folder_lease (
    mailbox_id  BIGINT NOT NULL,
    folder      VARCHAR(200) NOT NULL,
    node_id     VARCHAR(100) NOT NULL,
    expires_at  BIGINT NOT NULL,
    CONSTRAINT pk_mailbox_folder_lease PRIMARY KEY (mailbox_id, folder),
    CONSTRAINT fk_folder_lease_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
INSERT INTO mailbox_folder_lease (mailbox_id, folder, node_id, expires_at)
SELECT mailbox_id, 'INBOX', node_id, expires_at FROM mailbox_lease;
DROP TABLE mailbox_lease;

-- Whether a message was found in the mailbox's Junk folder (shown to the owner: a reply that went to spam).
ALTER TABLE inbound_message ADD COLUMN junk BOOLEAN DEFAULT FALSE NOT NULL;
