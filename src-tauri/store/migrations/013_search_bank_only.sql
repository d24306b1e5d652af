-- The search index holds the bank only: a story leaves it when it goes to
-- the trash and comes back when restored. Search can then rank and cut to
-- the best matches inside FTS5 (ORDER BY rank LIMIT n), making snippets for
-- those alone, instead of joining every match to `story` to drop the trash.
-- The index is also left alone when a save changes nothing it holds.
DROP TRIGGER story_fts_insert;
DROP TRIGGER story_fts_delete;
DROP TRIGGER story_fts_update;

CREATE TRIGGER story_fts_insert AFTER INSERT ON story WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO story_fts (rowid, title, situation, task, action, result, metrics, tags)
    VALUES (new.id, new.title, new.situation, new.task, new.action, new.result, new.metrics, new.tags);
END;
CREATE TRIGGER story_fts_delete AFTER DELETE ON story WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO story_fts (story_fts, rowid, title, situation, task, action, result, metrics, tags)
    VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result, old.metrics, old.tags);
END;
-- One trigger, so the old text leaves the index before the new one enters.
CREATE TRIGGER story_fts_update
AFTER UPDATE OF title, situation, task, action, result, metrics, tags, deleted_at ON story BEGIN
    INSERT INTO story_fts (story_fts, rowid, title, situation, task, action, result, metrics, tags)
    SELECT 'delete', old.id, old.title, old.situation, old.task, old.action, old.result, old.metrics, old.tags
    WHERE old.deleted_at IS NULL;
    INSERT INTO story_fts (rowid, title, situation, task, action, result, metrics, tags)
    SELECT new.id, new.title, new.situation, new.task, new.action, new.result, new.metrics, new.tags
    WHERE new.deleted_at IS NULL;
END;

-- Stories already in the trash leave the index.
INSERT INTO story_fts (story_fts, rowid, title, situation, task, action, result, metrics, tags)
SELECT 'delete', id, title, situation, task, action, result, metrics, tags
FROM story WHERE deleted_at IS NOT NULL;
