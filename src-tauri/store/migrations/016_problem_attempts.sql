-- Which bank problem a coding or design line is an attempt at, decided in
-- Rust (`problems::Bank::problem_key`) when the line is written, so the
-- problem history reads the attempts alone instead of every log row. The
-- migration's hook fills it in for the lines already there.
ALTER TABLE practice_entry ADD COLUMN problem TEXT;
CREATE INDEX practice_entry_problem ON practice_entry (date) WHERE problem IS NOT NULL AND deleted_at IS NULL;
