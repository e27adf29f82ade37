-- The contact search's word index (issue #13): every word of a contact's address, name and company, lower-cased,
-- split at anything that is not a letter or a digit ("jane.doe@acme.com" gives jane, doe, acme, com), at most 100
-- characters (io.followup.contact.ContactWords). A search term matches the words it is a prefix of
-- (word LIKE 'term%', along the primary key). Compared as written (utf8mb4_bin), as on H2: a case- or
-- accent-insensitive collation would make "muller" and "müller" of one contact the same key.
-- Filled for the contacts that exist when the daemon starts (Daemon: the contacts above the highest one indexed).
CREATE TABLE contact_word (
    word        VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    contact_id  BIGINT NOT NULL,
    CONSTRAINT pk_contact_word PRIMARY KEY (word, contact_id),
    CONSTRAINT fk_contact_word_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);
CREATE INDEX ix_contact_word_contact ON contact_word (contact_id, word);
