-- The 24-hour promise (first_touch_within): decided at enrolment and kept with the enrolment.
-- first_touch_by: the deadline (enrolled_at + the promise), NULL when the sequence makes no promise;
-- first_touch_plan: window | edge | approval (how the first message keeps it);
-- first_touch_reason: why the send window alone would have broken it (NULL when it would not).
ALTER TABLE enrollment ADD COLUMN first_touch_by BIGINT;
ALTER TABLE enrollment ADD COLUMN first_touch_plan VARCHAR(20);
ALTER TABLE enrollment ADD COLUMN first_touch_reason VARCHAR(1000);
