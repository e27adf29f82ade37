-- A bulk import (enroll --csv) writes the contact search's word index after its one big transaction has committed,
-- a few thousand contacts a transaction (issue #13: a third of an import's writes, and the long transaction that H2
-- cannot make fast). The apply transaction records here the contacts whose words are still to be written: those
-- with an id in (words_after, words_upto]; words_after moves up as each chunk commits. An import that fails before
-- its commit leaves neither contacts nor this range. A run whose range is not finished (the process died while
-- indexing) is finished when a daemon or CLI command starts (BulkEnrollment.resumeWords) and then deleted.
ALTER TABLE import_run ADD COLUMN words_after BIGINT;
ALTER TABLE import_run ADD COLUMN words_upto BIGINT;
