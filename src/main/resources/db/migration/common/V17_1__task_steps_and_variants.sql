-- Task steps (a sequence step that is a task for the owner) and A/B variants of email steps.
-- Valid for MariaDB 10.6+ and for H2 in MariaDB mode. Instants are BIGINT epoch milliseconds.

-- step_no: the sequence step a task is (NULL for an escalation task); the enrollment waits at that step until the
-- task is closed. outcome: done | skipped | closed (a reply stopped the sequence); NULL while open.
ALTER TABLE task ADD COLUMN step_no INT;
ALTER TABLE task ADD COLUMN outcome VARCHAR(20);
CREATE UNIQUE INDEX uq_task_step ON task (enrollment_id, step_no);

-- The variant (template) chosen for one enrollment and step: chosen once, when the step is first drafted, and kept
-- for good (restarts, retries and weight changes do not move an enrollment to another variant).
CREATE TABLE step_variant (
    enrollment_id  BIGINT NOT NULL,
    step_no        INT NOT NULL,
    template       VARCHAR(200) NOT NULL,
    chosen_at      BIGINT NOT NULL,
    PRIMARY KEY (enrollment_id, step_no)
);
