-- The person who owns a contact when it is not the mailbox's owner: set by a reply hand-off
-- (responses: {handoff: ADDRESS}). NULL: the owner of the mailbox the contact is written from.
ALTER TABLE contact ADD COLUMN owner_email VARCHAR(320);
