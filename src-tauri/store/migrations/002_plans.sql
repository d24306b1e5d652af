-- 002: the chosen plan and its dated schedule, ticked items, blackout
-- dates and self-assessments.

-- One row: the plan being followed and the schedule last generated for it.
-- The schedule is kept whole (JSON) because a re-plan starts from it: past
-- days stay as they were and missed items are carried from them.
CREATE TABLE plan_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    plan_id       TEXT    NOT NULL CHECK (plan_id IN
                      ('emergency-2w', 'intensive-6w', 'strategic-8w', 'comprehensive-12w', 'mastery-6m')),
    -- 1 when the user picked the plan, 0 when it is the recommendation.
    chosen        INTEGER NOT NULL CHECK (chosen IN (0, 1)),
    -- the inputs the schedule was generated from, to notice a change
    input_json    TEXT    NOT NULL CHECK (json_valid(input_json)),
    schedule_json TEXT    NOT NULL CHECK (json_valid(schedule_json)),
    planned_on    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;

-- Ticked schedule items, by the schedule's stable item key.
CREATE TABLE schedule_done (
    item_key   TEXT PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    done_on    TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Days with no preparation (a holiday, a trip).
CREATE TABLE blackout (
    day        TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE assessment (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    taken_on   TEXT    NOT NULL,
    -- the 20 answers, 1-5 each, in item order
    answers    TEXT    NOT NULL CHECK (json_valid(answers) AND json_array_length(answers) = 20),
    total      INTEGER NOT NULL CHECK (total BETWEEN 20 AND 100),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
) STRICT;
-- history is listed newest first
CREATE INDEX assessment_by_date ON assessment (taken_on);
