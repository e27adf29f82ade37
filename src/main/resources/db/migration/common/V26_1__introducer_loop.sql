-- The introducer's loop (a sequence file's `introducer:` section): what is owed to whoever introduced a contact.
-- One row per enrollment and item; the unique key makes each item happen once, also across restarts and nodes.
-- item: acknowledge | connected | report_back | thank_you. due_at: when it falls due; done_at: when it was drafted
-- (or the task opened), NULL while it waits. approval_reason: why an acknowledgement that was to be queued waits for
-- the owner's approval instead (the send window would break its promise), else NULL.
-- outbound_id / task_id: the draft or the report-back task made for it.
CREATE TABLE introduction_item (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    enrollment_id    BIGINT NOT NULL,
    item             VARCHAR(20) NOT NULL,
    due_at           BIGINT NOT NULL,
    done_at          BIGINT,
    approval_reason  VARCHAR(1000),
    outbound_id      BIGINT,
    task_id          BIGINT,
    created_at       BIGINT NOT NULL,
    CONSTRAINT uq_introduction_item UNIQUE (enrollment_id, item),
    CONSTRAINT fk_introduction_item_enrollment FOREIGN KEY (enrollment_id) REFERENCES enrollment (id)
);
CREATE INDEX ix_introduction_item_due ON introduction_item (done_at, due_at);
-- The loop's chore looks for introductions enrolled within the acknowledgement's promise, as often as dispatch.
CREATE INDEX ix_enrollment_enrolled_at ON enrollment (enrolled_at);
