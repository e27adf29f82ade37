-- Escalation tasks, keep-in-touch cadences, and outbound messages that are not sequence steps.
-- Valid for MariaDB 10.6+ and for H2 in MariaDB mode. Instants are BIGINT epoch milliseconds.

-- kind: step | notice | check_in | thank_you. Only 'step' rows belong to a sequence's steps (and advance their
-- enrollment when sent); the others carry their own idempotency key ('notice:ENROLLMENT', 'thanks:CONTACT',
-- 'checkin:CONTACT:DUE') and step_no 0. A check-in belongs to no enrollment, hence enrollment_id may be NULL.
ALTER TABLE outbound_message ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'step';
ALTER TABLE outbound_message MODIFY enrollment_id BIGINT NULL;

-- Something for the owner to do by hand (call, LinkedIn, handwritten note...), e.g. after a sequence went
-- unanswered. Open while done_at is NULL.
-- kind: call | linkedin | note | other
CREATE TABLE task (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id     BIGINT NOT NULL,
    enrollment_id  BIGINT,
    kind           VARCHAR(20) NOT NULL,
    text           VARCHAR(1000) NOT NULL,
    due_at         BIGINT NOT NULL,
    done_at        BIGINT,
    created_at     BIGINT NOT NULL,
    CONSTRAINT fk_task_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_task_enrollment FOREIGN KEY (enrollment_id) REFERENCES enrollment (id)
);
CREATE INDEX ix_task_open ON task (done_at, due_at);
CREATE INDEX ix_task_enrollment ON task (enrollment_id);

-- One keep-in-touch cadence per contact. period: weekly | monthly | quarterly | a wait such as '45 days'.
-- A check-in draft is prepared when next_due_at has come; any mail from the contact moves next_due_at to
-- that moment plus the period.
CREATE TABLE keep_in_touch (
    contact_id       BIGINT NOT NULL PRIMARY KEY,
    period           VARCHAR(50) NOT NULL,
    next_due_at      BIGINT NOT NULL,
    last_contact_at  BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CONSTRAINT fk_keep_in_touch_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);
CREATE INDEX ix_keep_in_touch_due ON keep_in_touch (next_due_at);
