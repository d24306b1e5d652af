-- 006: the practice log. One row per typed-in entry (coding problem, system
-- design, LP study, STAR practice, external mock); story refinements and
-- timer rounds are read from their own tables, never copied here.
-- `data` is the whole entry as the practice domain serialises it (kind tag,
-- camelCase fields); `kind` and `minutes` repeat two of its fields as columns
-- so CHECKs guard them and sums need no JSON parsing.
CREATE TABLE practice_entry (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT    NOT NULL UNIQUE,
    -- local calendar date, YYYY-MM-DD
    date         TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    kind         TEXT    NOT NULL CHECK (kind IN ('coding', 'design', 'lp-study', 'story-practice', 'external-mock')),
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 600),
    data         TEXT    NOT NULL CHECK (json_valid(data) AND json_extract(data, '$.kind') = kind),
    -- the schedule item this entry was logged from (ticking it on Today)
    schedule_key TEXT,
    -- set when deleted; Undo clears it
    deleted_at   TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
) STRICT;

-- practice::entries and the Log view read the live rows in date order.
CREATE INDEX practice_entry_by_date ON practice_entry (date) WHERE deleted_at IS NULL;
-- a schedule item is logged at most once (while its entry is not deleted)
CREATE UNIQUE INDEX practice_entry_by_schedule_key ON practice_entry (schedule_key)
    WHERE schedule_key IS NOT NULL AND deleted_at IS NULL;
