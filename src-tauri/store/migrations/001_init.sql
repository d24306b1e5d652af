-- 001: the candidate's profile (one row) and key/value settings.
CREATE TABLE profile (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    uuid           TEXT    NOT NULL UNIQUE,
    interview_date TEXT    NOT NULL CHECK (interview_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    target_level   TEXT    NOT NULL CHECK (target_level IN ('L6', 'L7')),
    track          TEXT    NOT NULL CHECK (track IN ('manager', 'ic')),
    current_level  TEXT    NOT NULL CHECK (current_level IN
                       ('engineer', 'senior-engineer', 'principal', 'manager', 'senior-manager')),
    hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 80),
    -- comma-separated weekdays, Monday first: 'Mon,Wed,Fri'
    prep_days      TEXT    NOT NULL CHECK (length(prep_days) > 0),
    risk           TEXT    NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
