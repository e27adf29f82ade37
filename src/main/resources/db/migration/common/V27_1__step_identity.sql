-- The identity of each configured step (StepIdentity: "id:NAME" for a step with an id, else "label:TEMPLATE", with
-- "#2" for a second step of the same label), so that a reload or a restart with changed sequence files can tell
-- which step is which and move running enrollments by the documented rule. NULL for rows written before: read as
-- the label in the template column.
-- Valid for MariaDB 10.6+ and for H2 in MariaDB mode.
ALTER TABLE sequence_step ADD COLUMN step_key VARCHAR(250);
