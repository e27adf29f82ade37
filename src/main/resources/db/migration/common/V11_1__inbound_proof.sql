-- Proof before action (issue #9): how strongly each inbound message is tied to what followup sent, and the owner's
-- review of the unverified ones that asked for something.
ALTER TABLE inbound_message ADD COLUMN proof_level VARCHAR(12);
ALTER TABLE inbound_message ADD COLUMN proof_reason VARCHAR(500);
-- What an unverified message asked for (e.g. "stop; suppress (unsubscribe)"), shown to the owner.
ALTER TABLE inbound_message ADD COLUMN requested_action VARCHAR(300);
-- pending (waits for the owner), applied, dismissed; null when there is nothing to review.
ALTER TABLE inbound_message ADD COLUMN review_state VARCHAR(12);
ALTER TABLE inbound_message ADD COLUMN reviewed_by VARCHAR(320);
ALTER TABLE inbound_message ADD COLUMN reviewed_at BIGINT;
-- The raw message (base64) while its review is pending, so that "apply" acts exactly as a proven message would.
ALTER TABLE inbound_message ADD COLUMN raw_pending MEDIUMTEXT;
CREATE INDEX ix_inbound_review ON inbound_message (review_state, mailbox_id);

-- Contacts enrolled from a reply naming them: bounded per replier, first message waits for approval.
CREATE TABLE referral (
    enrollment_id     BIGINT NOT NULL PRIMARY KEY,
    replier_id        BIGINT NOT NULL,
    inbound_id        BIGINT NOT NULL,
    approve_first     BOOLEAN NOT NULL,
    created_at        BIGINT NOT NULL,
    CONSTRAINT fk_referral_enrollment FOREIGN KEY (enrollment_id) REFERENCES enrollment (id),
    CONSTRAINT fk_referral_replier FOREIGN KEY (replier_id) REFERENCES contact (id)
);
CREATE INDEX ix_referral_replier ON referral (replier_id);
