-- 003: mock rounds. The live round is kept whole (JSON) so a restart resumes
-- it; every round that ended is kept as history for the dashboard.
CREATE TABLE timer_live (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    session_json TEXT NOT NULL CHECK (json_valid(session_json)),
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE mock_session (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    -- the instant the round started identifies it across saves
    started_at    TEXT    NOT NULL UNIQUE,
    template_id   TEXT    NOT NULL,
    template_name TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    ending        TEXT    NOT NULL CHECK (ending IN ('completed', 'completed-while-closed', 'stopped')),
    ended_at      TEXT    NOT NULL,
    elapsed_ms    INTEGER NOT NULL CHECK (elapsed_ms >= 0),
    session_json  TEXT    NOT NULL CHECK (json_valid(session_json)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;
