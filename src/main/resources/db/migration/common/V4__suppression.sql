-- Suppression (do-not-contact), unsubscribe links and generated application secrets.
-- Valid for MariaDB 10.6+ and for H2 in MariaDB mode; instants are BIGINT epoch milliseconds.

-- One row per suppressed address ('ann@example.com') or whole domain ('@example.com'), lower-cased.
-- kind: address | domain
CREATE TABLE suppression (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    entry       VARCHAR(320) NOT NULL,
    kind        VARCHAR(10) NOT NULL,
    reason      VARCHAR(200) NOT NULL,
    source      VARCHAR(200) NOT NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT uq_suppression_entry UNIQUE (entry)
);

-- Secrets the daemon generates once when none is configured (e.g. the unsubscribe token key). Never logged.
CREATE TABLE app_secret (
    name          VARCHAR(100) NOT NULL PRIMARY KEY,
    secret_value  VARCHAR(200) NOT NULL,
    created_at    BIGINT NOT NULL
);

-- The unsubscribe link of a message, fixed at draft time so the List-Unsubscribe header and the body agree.
ALTER TABLE outbound_message ADD COLUMN unsubscribe_url VARCHAR(1000);
