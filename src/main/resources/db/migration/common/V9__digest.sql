-- Weekly outcome digests. Valid for MariaDB 10.6+ and for H2 in MariaDB mode. Instants are BIGINT epoch millis.

-- Inline parts of an outbound message (the digest's charts), referenced from its HTML as cid:CONTENT-ID.
-- One part per line: CONTENT-ID, a tab, the content type, a tab, the bytes in base64. NULL for none.
ALTER TABLE outbound_message ADD COLUMN inline_parts MEDIUMTEXT;

-- One row per owner and ISO week ('2026-W47'), inserted in the transaction that queues that week's digest, so a
-- restart or a second daemon on the same database never queues a second one (the unique key refuses it).
CREATE TABLE digest_run (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    owner_email  VARCHAR(320) NOT NULL,
    week         VARCHAR(10) NOT NULL,
    outbound_id  BIGINT,
    created_at   BIGINT NOT NULL,
    CONSTRAINT uq_digest_run UNIQUE (owner_email, week),
    CONSTRAINT fk_digest_outbound FOREIGN KEY (outbound_id) REFERENCES outbound_message (id)
);
