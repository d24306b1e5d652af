-- 004: the STAR story bank, its revisions (one per editing session that
-- changed the text) and a full-text index over every field.
CREATE TABLE story (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    situation     TEXT NOT NULL DEFAULT '',
    task          TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL DEFAULT '',
    result        TEXT NOT NULL DEFAULT '',
    metrics       TEXT NOT NULL DEFAULT '',
    primary_lp    TEXT CHECK (primary_lp IS NULL OR primary_lp IN (
                      'customer-obsession', 'ownership', 'invent-and-simplify', 'are-right-a-lot',
                      'learn-and-be-curious', 'hire-and-develop-the-best', 'insist-on-the-highest-standards',
                      'think-big', 'bias-for-action', 'frugality', 'earn-trust', 'dive-deep', 'have-backbone',
                      'deliver-results', 'strive-to-be-earths-best-employer',
                      'success-and-scale-bring-broad-responsibility')),
    -- JSON arrays of principle ids and of tags
    secondary_lps TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(secondary_lps)),
    scope         TEXT NOT NULL CHECK (scope IN ('L6', 'L7')),
    tags          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    -- set when moved to the trash; restoring clears it
    deleted_at    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE story_revision (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    story_id   INTEGER NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    -- the editing session (one open editor) this revision closes
    session    TEXT    NOT NULL,
    -- 1 for the session that created the story, 0 for a refinement
    first      INTEGER NOT NULL CHECK (first IN (0, 1)),
    snapshot   TEXT    NOT NULL CHECK (json_valid(snapshot)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    UNIQUE (story_id, session)
) STRICT;
-- a story's history, newest first
CREATE INDEX story_revision_by_story ON story_revision (story_id, id);

CREATE VIRTUAL TABLE story_fts USING fts5(
    title, situation, task, action, result, metrics, tags,
    content = 'story', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER story_fts_insert AFTER INSERT ON story BEGIN
    INSERT INTO story_fts (rowid, title, situation, task, action, result, metrics, tags)
    VALUES (new.id, new.title, new.situation, new.task, new.action, new.result, new.metrics, new.tags);
END;
CREATE TRIGGER story_fts_delete AFTER DELETE ON story BEGIN
    INSERT INTO story_fts (story_fts, rowid, title, situation, task, action, result, metrics, tags)
    VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result, old.metrics, old.tags);
END;
CREATE TRIGGER story_fts_update AFTER UPDATE ON story BEGIN
    INSERT INTO story_fts (story_fts, rowid, title, situation, task, action, result, metrics, tags)
    VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result, old.metrics, old.tags);
    INSERT INTO story_fts (rowid, title, situation, task, action, result, metrics, tags)
    VALUES (new.id, new.title, new.situation, new.task, new.action, new.result, new.metrics, new.tags);
END;
