-- Fewer indexes for a bulk import to write (issue #13); see mariadb/V44_1. H2 keeps the index it made for
-- fk_enrollment_sequence (its name is generated), so on H2 enrollment keeps its number of indexes.
DROP INDEX ix_import_row_introducer;
CREATE INDEX ix_enrollment_sequence_enrolled ON enrollment (sequence_id, enrolled_at);
DROP INDEX ix_enrollment_enrolled_at;
