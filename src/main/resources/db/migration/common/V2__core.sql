-- followup's own tables. Valid for MariaDB 10.6+ and for H2 in MariaDB mode.
-- All instants are BIGINT milliseconds since the epoch (UTC), so no column depends on a session time zone.

CREATE TABLE mailbox (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    address     VARCHAR(320) NOT NULL,
    updated_at  BIGINT NOT NULL,
    CONSTRAINT uq_mailbox_name UNIQUE (name)
);

CREATE TABLE contact (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    name           VARCHAR(200),
    first_name     VARCHAR(100),
    last_name      VARCHAR(100),
    company        VARCHAR(200),
    tier           INT NOT NULL DEFAULT 3,
    goal           VARCHAR(50),
    time_zone      VARCHAR(64),
    tags           VARCHAR(1000),
    fields         MEDIUMTEXT,
    introduced_by  BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CONSTRAINT uq_contact_email UNIQUE (email),
    CONSTRAINT fk_contact_introducer FOREIGN KEY (introduced_by) REFERENCES contact (id)
);

CREATE TABLE sequence_def (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    description  VARCHAR(1000),
    step_count   INT NOT NULL,
    updated_at   BIGINT NOT NULL,
    CONSTRAINT uq_sequence_name UNIQUE (name)
);

CREATE TABLE sequence_step (
    sequence_id  BIGINT NOT NULL,
    step_no      INT NOT NULL,
    template     VARCHAR(200) NOT NULL,
    wait_text    VARCHAR(50) NOT NULL,
    new_thread   BOOLEAN NOT NULL,
    PRIMARY KEY (sequence_id, step_no),
    CONSTRAINT fk_step_sequence FOREIGN KEY (sequence_id) REFERENCES sequence_def (id)
);

-- state: active | paused | held | stopped | completed | failed
-- live_key is 'contact:sequence' while the enrollment is live (active, paused, held) and NULL after:
-- its unique index allows one live enrollment per contact and sequence.
CREATE TABLE enrollment (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id        BIGINT NOT NULL,
    sequence_id       BIGINT NOT NULL,
    mailbox_id        BIGINT NOT NULL,
    state             VARCHAR(20) NOT NULL,
    next_step         INT NOT NULL,
    next_due_at       BIGINT,
    resume_at         BIGINT,
    last_sent_at      BIGINT,
    thread_subject    VARCHAR(998),
    thread_key        VARCHAR(255),
    thread_refs       MEDIUMTEXT,
    stop_reason       VARCHAR(200),
    live_key          VARCHAR(64),
    enrolled_at       BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    version           INT NOT NULL DEFAULT 0,
    CONSTRAINT uq_enrollment_live UNIQUE (live_key),
    CONSTRAINT fk_enrollment_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_enrollment_sequence FOREIGN KEY (sequence_id) REFERENCES sequence_def (id),
    CONSTRAINT fk_enrollment_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
CREATE INDEX ix_enrollment_due ON enrollment (state, next_due_at);
CREATE INDEX ix_enrollment_contact ON enrollment (contact_id);
CREATE INDEX ix_enrollment_thread ON enrollment (mailbox_id, thread_key);

-- state: held | pending_approval | queued | sending | sent | failed | in_doubt | rejected | cancelled
-- idempotency_key is 'enrollment:step:attempt': one message per step attempt, enforced here.
CREATE TABLE outbound_message (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    enrollment_id     BIGINT NOT NULL,
    mailbox_id        BIGINT NOT NULL,
    step_no           INT NOT NULL,
    attempt           INT NOT NULL,
    idempotency_key   VARCHAR(100) NOT NULL,
    state             VARCHAR(20) NOT NULL,
    message_id        VARCHAR(255) NOT NULL,
    template          VARCHAR(200) NOT NULL,
    from_address      VARCHAR(320) NOT NULL,
    from_name         VARCHAR(200),
    to_address        VARCHAR(320) NOT NULL,
    to_name           VARCHAR(200),
    subject           VARCHAR(998),
    body_text         MEDIUMTEXT,
    body_html         MEDIUMTEXT,
    in_reply_to       VARCHAR(255),
    references_header MEDIUMTEXT,
    hold_reason       VARCHAR(1000),
    last_error        VARCHAR(1000),
    send_attempts     INT NOT NULL DEFAULT 0,
    not_before        BIGINT,
    claimed_by        VARCHAR(100),
    sending_at        BIGINT,
    sent_at           BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    CONSTRAINT uq_outbound_idempotency UNIQUE (idempotency_key),
    CONSTRAINT uq_outbound_message_id UNIQUE (message_id),
    CONSTRAINT fk_outbound_enrollment FOREIGN KEY (enrollment_id) REFERENCES enrollment (id),
    CONSTRAINT fk_outbound_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
CREATE INDEX ix_outbound_state ON outbound_message (state, not_before);
CREATE INDEX ix_outbound_enrollment ON outbound_message (enrollment_id);

-- One row per message seen in a watched folder. (mailbox, folder, uid_validity, uid) is unique, so a message is
-- never processed twice; message_id and content_hash (SHA-256 of the raw message) are indexed to de-duplicate
-- across a UIDVALIDITY change, also for a message without a usable Message-ID.
CREATE TABLE inbound_message (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    mailbox_id           BIGINT NOT NULL,
    folder               VARCHAR(200) NOT NULL,
    uid_validity         BIGINT NOT NULL,
    uid                  BIGINT NOT NULL,
    message_id           VARCHAR(255),
    content_hash         VARCHAR(64) NOT NULL,
    from_address         VARCHAR(320),
    subject              VARCHAR(998),
    sent_date            BIGINT,
    received_at          BIGINT NOT NULL,
    kind                 VARCHAR(20) NOT NULL,
    intent               VARCHAR(20),
    reply_text           MEDIUMTEXT,
    matched_outbound_id  BIGINT,
    enrollment_id        BIGINT,
    contact_id           BIGINT,
    match_method         VARCHAR(30),
    detail               VARCHAR(2000),
    error                VARCHAR(1000),
    CONSTRAINT uq_inbound_uid UNIQUE (mailbox_id, folder, uid_validity, uid),
    CONSTRAINT fk_inbound_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);
CREATE INDEX ix_inbound_message_id ON inbound_message (mailbox_id, message_id);
CREATE INDEX ix_inbound_content_hash ON inbound_message (mailbox_id, content_hash);
CREATE INDEX ix_inbound_enrollment ON inbound_message (enrollment_id);

CREATE TABLE mailbox_watermark (
    mailbox_id    BIGINT NOT NULL,
    folder        VARCHAR(200) NOT NULL,
    uid_validity  BIGINT NOT NULL,
    last_uid      BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (mailbox_id, folder),
    CONSTRAINT fk_watermark_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);

-- Every state change, with its cause (the message, command or rule that made it).
CREATE TABLE event_log (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    at             BIGINT NOT NULL,
    event          VARCHAR(50) NOT NULL,
    enrollment_id  BIGINT,
    contact_id     BIGINT,
    outbound_id    BIGINT,
    inbound_id     BIGINT,
    cause          VARCHAR(200) NOT NULL,
    detail         VARCHAR(2000)
);
CREATE INDEX ix_event_enrollment ON event_log (enrollment_id, id);
CREATE INDEX ix_event_at ON event_log (at);
