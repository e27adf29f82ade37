-- Fewer indexes for a bulk import to write (issue #13). import_row (introduced_by): the introducer checks read the
-- run's rows along the primary key (import_id, line) as well, so every staged row paid an index entry for nothing.
-- enrollment (enrolled_at) becomes (sequence_id, enrolled_at), which the only query on enrolled_at also filters by
-- (IntroductionItemStore) and which serves fk_enrollment_sequence: MariaDB then drops the index it had made for that
-- key, so every enrollment has one index entry fewer (7 instead of 8).
DROP INDEX ix_import_row_introducer ON import_row;
CREATE INDEX ix_enrollment_sequence_enrolled ON enrollment (sequence_id, enrolled_at);
DROP INDEX ix_enrollment_enrolled_at ON enrollment;
