-- Staging of a CSV import (enroll --csv): every row of the file is written here first, the checks that need the
-- whole file or the database run here set-based (duplicates, suppression, opt-outs, introducers), and only then is
-- everything applied in one transaction. A run and its rows are deleted when the import ends; runs left by a
-- crashed import are deleted by the next import after a day. Instants are BIGINT epoch milliseconds.
CREATE TABLE import_run (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    file        VARCHAR(1000) NOT NULL,
    started_at  BIGINT NOT NULL
);

-- contact_id: the contact the row updates or created (set while applying)
CREATE TABLE import_row (
    import_id      BIGINT NOT NULL,
    line           INT NOT NULL,
    email          VARCHAR(320) NOT NULL,
    name           VARCHAR(200),
    first_name     VARCHAR(100),
    last_name      VARCHAR(100),
    company        VARCHAR(200),
    tier           INT,
    goal           VARCHAR(50),
    time_zone      VARCHAR(64),
    tags           VARCHAR(1000),
    fields         MEDIUMTEXT,
    introduced_by  VARCHAR(320),
    due_at         BIGINT NOT NULL,
    due_text       VARCHAR(40) NOT NULL,
    contact_id     BIGINT,
    PRIMARY KEY (import_id, line)
);
CREATE INDEX ix_import_row_email ON import_row (import_id, email);
CREATE INDEX ix_import_row_introducer ON import_row (import_id, introduced_by);
