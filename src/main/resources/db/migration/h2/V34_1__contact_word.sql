-- The contact search's word index (issue #13); see mariadb/V34_1 (the same table: H2 compares as written).
CREATE TABLE contact_word (
    word        VARCHAR(100) NOT NULL,
    contact_id  BIGINT NOT NULL,
    CONSTRAINT pk_contact_word PRIMARY KEY (word, contact_id),
    CONSTRAINT fk_contact_word_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);
CREATE INDEX ix_contact_word_contact ON contact_word (contact_id, word);
