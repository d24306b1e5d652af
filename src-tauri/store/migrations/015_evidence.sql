-- Rules of evidence: what counts as practice. The rules live in Rust
-- (`timer::full_round`, `stories::refines`); the database keeps what Rust
-- decided for each row, and the day totals count only those rows.
--
-- A timed round counts as a mock when it ran a full round (most of its
-- planned time, or the candidate says it was one); a shorter round keeps
-- its scores but is marked partial and counts nowhere.
ALTER TABLE mock_session ADD COLUMN full_round INTEGER NOT NULL DEFAULT 0 CHECK (full_round IN (0, 1));
-- The candidate said a round cut short was a full round all the same.
ALTER TABLE mock_session ADD COLUMN confirmed_full INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_full IN (0, 1));
-- A revision counts as a refinement when it reworked a story that was
-- already complete, some time after the story's previous session; the
-- autosaves of a first draft are not refinements.
ALTER TABLE story_revision ADD COLUMN refines INTEGER NOT NULL DEFAULT 0 CHECK (refines IN (0, 1));

DROP TRIGGER practice_day_mock_insert;
DROP TRIGGER practice_day_mock_delete;
DROP TRIGGER practice_day_mock_update_old;
DROP TRIGGER practice_day_mock_update_new;

CREATE TRIGGER practice_day_mock_insert AFTER INSERT ON mock_session
WHEN new.full_round = 1 BEGIN
    INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
    VALUES (date(new.started_at, 'localtime'), (1), (new.elapsed_ms / 60000), (new.weighted_score IS NOT NULL), (coalesce(new.weighted_score, 0)), (coalesce(new.weighted_score >= 4, 0)))
    ON CONFLICT (date) DO UPDATE SET
        mock_n = mock_n + excluded.mock_n,
        mock_min = mock_min + excluded.mock_min,
        mock_scored = mock_scored + excluded.mock_scored,
        mock_score_sum = mock_score_sum + excluded.mock_score_sum,
        mock_passed = mock_passed + excluded.mock_passed;
END;

CREATE TRIGGER practice_day_mock_delete AFTER DELETE ON mock_session
WHEN old.full_round = 1 BEGIN
    INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
    VALUES (date(old.started_at, 'localtime'), -(1), -(old.elapsed_ms / 60000), -(old.weighted_score IS NOT NULL), -(coalesce(old.weighted_score, 0)), -(coalesce(old.weighted_score >= 4, 0)))
    ON CONFLICT (date) DO UPDATE SET
        mock_n = mock_n + excluded.mock_n,
        mock_min = mock_min + excluded.mock_min,
        mock_scored = mock_scored + excluded.mock_scored,
        mock_score_sum = mock_score_sum + excluded.mock_score_sum,
        mock_passed = mock_passed + excluded.mock_passed;
END;

CREATE TRIGGER practice_day_mock_update_old AFTER UPDATE ON mock_session
WHEN old.full_round = 1 BEGIN
    INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
    VALUES (date(old.started_at, 'localtime'), -(1), -(old.elapsed_ms / 60000), -(old.weighted_score IS NOT NULL), -(coalesce(old.weighted_score, 0)), -(coalesce(old.weighted_score >= 4, 0)))
    ON CONFLICT (date) DO UPDATE SET
        mock_n = mock_n + excluded.mock_n,
        mock_min = mock_min + excluded.mock_min,
        mock_scored = mock_scored + excluded.mock_scored,
        mock_score_sum = mock_score_sum + excluded.mock_score_sum,
        mock_passed = mock_passed + excluded.mock_passed;
END;

CREATE TRIGGER practice_day_mock_update_new AFTER UPDATE ON mock_session
WHEN new.full_round = 1 BEGIN
    INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
    VALUES (date(new.started_at, 'localtime'), (1), (new.elapsed_ms / 60000), (new.weighted_score IS NOT NULL), (coalesce(new.weighted_score, 0)), (coalesce(new.weighted_score >= 4, 0)))
    ON CONFLICT (date) DO UPDATE SET
        mock_n = mock_n + excluded.mock_n,
        mock_min = mock_min + excluded.mock_min,
        mock_scored = mock_scored + excluded.mock_scored,
        mock_score_sum = mock_score_sum + excluded.mock_score_sum,
        mock_passed = mock_passed + excluded.mock_passed;
END;

DROP TRIGGER practice_day_revision_insert;
DROP TRIGGER practice_day_revision_delete;
DROP TRIGGER practice_day_story_trash;
DROP TRIGGER practice_day_story_restore;
DROP TRIGGER practice_day_story_delete;

CREATE TRIGGER practice_day_revision_insert AFTER INSERT ON story_revision
WHEN new.refines = 1 AND EXISTS (SELECT 1 FROM story s WHERE s.id = new.story_id AND s.deleted_at IS NULL) BEGIN
    INSERT INTO practice_day (date, refinement_n)
    VALUES (date(new.created_at, 'localtime'), (1))
    ON CONFLICT (date) DO UPDATE SET
        refinement_n = refinement_n + excluded.refinement_n;
END;

-- A cascade from a deleted story finds no story here; story_delete below
-- has already taken its refinements off.
CREATE TRIGGER practice_day_revision_delete AFTER DELETE ON story_revision
WHEN old.refines = 1 AND EXISTS (SELECT 1 FROM story s WHERE s.id = old.story_id AND s.deleted_at IS NULL) BEGIN
    INSERT INTO practice_day (date, refinement_n)
    VALUES (date(old.created_at, 'localtime'), -(1))
    ON CONFLICT (date) DO UPDATE SET
        refinement_n = refinement_n + excluded.refinement_n;
END;

CREATE TRIGGER practice_day_story_trash AFTER UPDATE OF deleted_at ON story
WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
    INSERT INTO practice_day (date, refinement_n)
    SELECT date(created_at, 'localtime'), -count(*) FROM story_revision
    WHERE story_id = new.id AND refines = 1 GROUP BY 1
    ON CONFLICT (date) DO UPDATE SET refinement_n = refinement_n + excluded.refinement_n;
END;

CREATE TRIGGER practice_day_story_restore AFTER UPDATE OF deleted_at ON story
WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, refinement_n)
    SELECT date(created_at, 'localtime'), count(*) FROM story_revision
    WHERE story_id = new.id AND refines = 1 GROUP BY 1
    ON CONFLICT (date) DO UPDATE SET refinement_n = refinement_n + excluded.refinement_n;
END;

CREATE TRIGGER practice_day_story_delete BEFORE DELETE ON story
WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, refinement_n)
    SELECT date(created_at, 'localtime'), -count(*) FROM story_revision
    WHERE story_id = old.id AND refines = 1 GROUP BY 1
    ON CONFLICT (date) DO UPDATE SET refinement_n = refinement_n + excluded.refinement_n;
END;

DROP INDEX story_revision_refinements;
CREATE INDEX story_revision_refinements ON story_revision (created_at) WHERE refines = 1;

-- The rows already there get their flags from Rust (the migration's hook),
-- which then counts the day totals of mocks and refinements afresh.
