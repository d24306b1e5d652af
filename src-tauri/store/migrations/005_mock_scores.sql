-- 005: scoring mock rounds, and the user's own round templates.
-- An ended round keeps the time spent per phase beside its budget (written
-- when it ends) and, once scored, the rubric scores, weighted score, verdict
-- and notes; those stay NULL until then. `minute_ms` is the round's pace, so
-- overruns read in template minutes.
ALTER TABLE mock_session ADD COLUMN phase_times_json TEXT
    CHECK (phase_times_json IS NULL OR json_valid(phase_times_json));
ALTER TABLE mock_session ADD COLUMN minute_ms INTEGER NOT NULL DEFAULT 60000 CHECK (minute_ms >= 1);
ALTER TABLE mock_session ADD COLUMN target_level TEXT CHECK (target_level IS NULL OR target_level IN ('L6', 'L7'));
ALTER TABLE mock_session ADD COLUMN scores_json TEXT CHECK (scores_json IS NULL OR json_valid(scores_json));
ALTER TABLE mock_session ADD COLUMN weighted_score REAL
    CHECK (weighted_score IS NULL OR weighted_score BETWEEN 0 AND 5);
ALTER TABLE mock_session ADD COLUMN verdict INTEGER CHECK (verdict IS NULL OR verdict BETWEEN 1 AND 5);
ALTER TABLE mock_session ADD COLUMN notes TEXT;
ALTER TABLE mock_session ADD COLUMN scored_at TEXT;

-- Templates the user made from a built-in one; `uuid` is the template id.
CREATE TABLE custom_template (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    kind        TEXT NOT NULL CHECK (kind IN ('system-design', 'coding', 'behavioral', 'bar-raiser',
                                              'phone-screen', 'technical-strategy', 'leadership', 'loop', 'custom')),
    phases_json TEXT NOT NULL
        CHECK (json_valid(phases_json) AND json_array_length(phases_json) BETWEEN 1 AND 60),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
