-- Indexes for the web UI's paged lists and the weekly digest at scale (issue #13).
-- The contact list reads in (tier, email) order; the enrollment list reads one state's rows newest first;
-- the digest reads the week's sent steps of a mailbox and the week's inbound messages.
CREATE INDEX ix_contact_tier_email ON contact (tier, email);
CREATE INDEX ix_enrollment_state_id ON enrollment (state, id);
CREATE INDEX ix_outbound_mailbox_sent ON outbound_message (mailbox_id, sent_at);
CREATE INDEX ix_inbound_received ON inbound_message (received_at);
-- The digest asks whether a bounce was soft (its events) and whether an interested reply was answered since.
CREATE INDEX ix_event_inbound ON event_log (inbound_id);
CREATE INDEX ix_outbound_to_address ON outbound_message (to_address, sent_at);
