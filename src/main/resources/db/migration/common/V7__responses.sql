-- Contacts who declined one sequence ("not interested"): never enrolled in it again.
CREATE TABLE sequence_opt_out (
    contact_id   BIGINT NOT NULL,
    sequence_id  BIGINT NOT NULL,
    reason       VARCHAR(200),
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (contact_id, sequence_id),
    CONSTRAINT fk_opt_out_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_opt_out_sequence FOREIGN KEY (sequence_id) REFERENCES sequence_def (id)
);
