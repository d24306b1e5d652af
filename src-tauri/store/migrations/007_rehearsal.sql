-- 007: rehearsals of stories and bank questions, one row per attempt. The
-- FSRS schedule is replayed from these rows (stories::review), so nothing
-- derived is stored.
CREATE TABLE rehearsal (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    -- exactly one of: a story, or a question id from the bundled bank
    story_id   INTEGER REFERENCES story (id) ON DELETE CASCADE,
    question   TEXT,
    rating     TEXT    NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    -- length of the spoken answer, from the count-up timer
    seconds    INTEGER NOT NULL CHECK (seconds BETWEEN 0 AND 86400),
    -- local calendar date the rehearsal counts for
    date       TEXT    NOT NULL CHECK (date(date) = date),
    created_at TEXT    NOT NULL,
    CHECK ((story_id IS NULL) <> (question IS NULL))
) STRICT;
CREATE INDEX rehearsal_by_story ON rehearsal (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX rehearsal_by_question ON rehearsal (question) WHERE question IS NOT NULL;
CREATE INDEX rehearsal_by_date ON rehearsal (date);
