-- A bulk import (enroll --csv) writes the contact search's word index after its one big transaction has committed,
-- a few thousand contacts a transaction (issue #13: a third of an import's writes, and the long transaction that H2
-- cannot make fast). The apply transaction records here the contacts whose words are still to be written: those
-- with an id in (words_after, words_upto]; words_after moves up as each chunk commits. An import that fails before
-- its commit leaves neither contacts nor this range. A run whose range is not finished (the process died while
-- indexing) is finished when a daemon or CLI command starts (BulkEnrollment.resumeWords) and then deleted.
ALTER TABLE import_run ADD COLUMN words_after BIGINT;
ALTER TABLE import_run ADD COLUMN words_upto BIGINT;

-- One enrolled event per import instead of one per contact (issue #13: an event row and its four index entries were
-- an eighth of an imported contact's writes). enrolled_event: the event_log row that recorded this enrollment when
-- it has none of its own (an import's, shared by all its enrollments); the contact and enrollment histories
-- (EventLog) show it as the enrollment's. No index and no foreign key: only read from the enrollment, and the event
-- may go before it (Retention).
ALTER TABLE enrollment ADD COLUMN enrolled_event BIGINT;
