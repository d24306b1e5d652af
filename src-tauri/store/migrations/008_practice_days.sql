-- 008: what each local calendar day adds up to, kept current by triggers,
-- so the minimums, streak, readiness and dashboard read about one row per
-- day instead of every log row, revision, mock and rehearsal. The rules
-- repeat the practice domain's (a design counts as completed at 80 %, a
-- mock passes at 4.0, a rehearsal's seconds round up to whole minutes,
-- stopped and unscored rounds do not count, refinements of stories in the
-- trash do not count); tests/store/practice_days.rs checks the table
-- against the same figures computed from the rows themselves.
CREATE TABLE practice_day (
    date TEXT PRIMARY KEY,
    coding_n INTEGER NOT NULL DEFAULT 0,
    coding_min INTEGER NOT NULL DEFAULT 0,
    design_n INTEGER NOT NULL DEFAULT 0,
    design_min INTEGER NOT NULL DEFAULT 0,
    design_done INTEGER NOT NULL DEFAULT 0,
    lp_n INTEGER NOT NULL DEFAULT 0,
    lp_min INTEGER NOT NULL DEFAULT 0,
    star_n INTEGER NOT NULL DEFAULT 0,
    star_min INTEGER NOT NULL DEFAULT 0,
    ext_n INTEGER NOT NULL DEFAULT 0,
    ext_min INTEGER NOT NULL DEFAULT 0,
    ext_score_sum REAL NOT NULL DEFAULT 0,
    ext_passed INTEGER NOT NULL DEFAULT 0,
    rehearsal_n INTEGER NOT NULL DEFAULT 0,
    rehearsal_min INTEGER NOT NULL DEFAULT 0,
    refinement_n INTEGER NOT NULL DEFAULT 0,
    mock_n INTEGER NOT NULL DEFAULT 0,
    mock_min INTEGER NOT NULL DEFAULT 0,
    mock_scored INTEGER NOT NULL DEFAULT 0,
    mock_score_sum REAL NOT NULL DEFAULT 0,
    mock_passed INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

CREATE TRIGGER practice_day_entry_insert AFTER INSERT ON practice_entry
WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min, star_n, star_min, ext_n, ext_min, ext_score_sum, ext_passed)
    VALUES (new.date, (new.kind = 'coding'), (iif(new.kind = 'coding', new.minutes, 0)), (new.kind = 'design'), (iif(new.kind = 'design', new.minutes, 0)), (new.kind = 'design' AND json_extract(new.data, '$.completenessPct') >= 80), (new.kind = 'lp-study'), (iif(new.kind = 'lp-study', new.minutes, 0)), (new.kind = 'story-practice'), (iif(new.kind = 'story-practice', new.minutes, 0)), (new.kind = 'external-mock'), (iif(new.kind = 'external-mock', new.minutes, 0)), (iif(new.kind = 'external-mock', json_extract(new.data, '$.score'), 0)), (new.kind = 'external-mock' AND json_extract(new.data, '$.score') >= 4))
    ON CONFLICT (date) DO UPDATE SET
        coding_n = coding_n + excluded.coding_n,
        coding_min = coding_min + excluded.coding_min,
        design_n = design_n + excluded.design_n,
        design_min = design_min + excluded.design_min,
        design_done = design_done + excluded.design_done,
        lp_n = lp_n + excluded.lp_n,
        lp_min = lp_min + excluded.lp_min,
        star_n = star_n + excluded.star_n,
        star_min = star_min + excluded.star_min,
        ext_n = ext_n + excluded.ext_n,
        ext_min = ext_min + excluded.ext_min,
        ext_score_sum = ext_score_sum + excluded.ext_score_sum,
        ext_passed = ext_passed + excluded.ext_passed;
END;

CREATE TRIGGER practice_day_entry_delete AFTER DELETE ON practice_entry
WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min, star_n, star_min, ext_n, ext_min, ext_score_sum, ext_passed)
    VALUES (old.date, -(old.kind = 'coding'), -(iif(old.kind = 'coding', old.minutes, 0)), -(old.kind = 'design'), -(iif(old.kind = 'design', old.minutes, 0)), -(old.kind = 'design' AND json_extract(old.data, '$.completenessPct') >= 80), -(old.kind = 'lp-study'), -(iif(old.kind = 'lp-study', old.minutes, 0)), -(old.kind = 'story-practice'), -(iif(old.kind = 'story-practice', old.minutes, 0)), -(old.kind = 'external-mock'), -(iif(old.kind = 'external-mock', old.minutes, 0)), -(iif(old.kind = 'external-mock', json_extract(old.data, '$.score'), 0)), -(old.kind = 'external-mock' AND json_extract(old.data, '$.score') >= 4))
    ON CONFLICT (date) DO UPDATE SET
        coding_n = coding_n + excluded.coding_n,
        coding_min = coding_min + excluded.coding_min,
        design_n = design_n + excluded.design_n,
        design_min = design_min + excluded.design_min,
        design_done = design_done + excluded.design_done,
        lp_n = lp_n + excluded.lp_n,
        lp_min = lp_min + excluded.lp_min,
        star_n = star_n + excluded.star_n,
        star_min = star_min + excluded.star_min,
        ext_n = ext_n + excluded.ext_n,
        ext_min = ext_min + excluded.ext_min,
        ext_score_sum = ext_score_sum + excluded.ext_score_sum,
        ext_passed = ext_passed + excluded.ext_passed;
END;

CREATE TRIGGER practice_day_entry_update_old AFTER UPDATE ON practice_entry
WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min, star_n, star_min, ext_n, ext_min, ext_score_sum, ext_passed)
    VALUES (old.date, -(old.kind = 'coding'), -(iif(old.kind = 'coding', old.minutes, 0)), -(old.kind = 'design'), -(iif(old.kind = 'design', old.minutes, 0)), -(old.kind = 'design' AND json_extract(old.data, '$.completenessPct') >= 80), -(old.kind = 'lp-study'), -(iif(old.kind = 'lp-study', old.minutes, 0)), -(old.kind = 'story-practice'), -(iif(old.kind = 'story-practice', old.minutes, 0)), -(old.kind = 'external-mock'), -(iif(old.kind = 'external-mock', old.minutes, 0)), -(iif(old.kind = 'external-mock', json_extract(old.data, '$.score'), 0)), -(old.kind = 'external-mock' AND json_extract(old.data, '$.score') >= 4))
    ON CONFLICT (date) DO UPDATE SET
        coding_n = coding_n + excluded.coding_n,
        coding_min = coding_min + excluded.coding_min,
        design_n = design_n + excluded.design_n,
        design_min = design_min + excluded.design_min,
        design_done = design_done + excluded.design_done,
        lp_n = lp_n + excluded.lp_n,
        lp_min = lp_min + excluded.lp_min,
        star_n = star_n + excluded.star_n,
        star_min = star_min + excluded.star_min,
        ext_n = ext_n + excluded.ext_n,
        ext_min = ext_min + excluded.ext_min,
        ext_score_sum = ext_score_sum + excluded.ext_score_sum,
        ext_passed = ext_passed + excluded.ext_passed;
END;

CREATE TRIGGER practice_day_entry_update_new AFTER UPDATE ON practice_entry
WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min, star_n, star_min, ext_n, ext_min, ext_score_sum, ext_passed)
    VALUES (new.date, (new.kind = 'coding'), (iif(new.kind = 'coding', new.minutes, 0)), (new.kind = 'design'), (iif(new.kind = 'design', new.minutes, 0)), (new.kind = 'design' AND json_extract(new.data, '$.completenessPct') >= 80), (new.kind = 'lp-study'), (iif(new.kind = 'lp-study', new.minutes, 0)), (new.kind = 'story-practice'), (iif(new.kind = 'story-practice', new.minutes, 0)), (new.kind = 'external-mock'), (iif(new.kind = 'external-mock', new.minutes, 0)), (iif(new.kind = 'external-mock', json_extract(new.data, '$.score'), 0)), (new.kind = 'external-mock' AND json_extract(new.data, '$.score') >= 4))
    ON CONFLICT (date) DO UPDATE SET
        coding_n = coding_n + excluded.coding_n,
        coding_min = coding_min + excluded.coding_min,
        design_n = design_n + excluded.design_n,
        design_min = design_min + excluded.design_min,
        design_done = design_done + excluded.design_done,
        lp_n = lp_n + excluded.lp_n,
        lp_min = lp_min + excluded.lp_min,
        star_n = star_n + excluded.star_n,
        star_min = star_min + excluded.star_min,
        ext_n = ext_n + excluded.ext_n,
        ext_min = ext_min + excluded.ext_min,
        ext_score_sum = ext_score_sum + excluded.ext_score_sum,
        ext_passed = ext_passed + excluded.ext_passed;
END;

CREATE TRIGGER practice_day_mock_insert AFTER INSERT ON mock_session
WHEN NOT (new.ending = 'stopped' AND new.weighted_score IS NULL) BEGIN
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
WHEN NOT (old.ending = 'stopped' AND old.weighted_score IS NULL) BEGIN
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
WHEN NOT (old.ending = 'stopped' AND old.weighted_score IS NULL) BEGIN
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
WHEN NOT (new.ending = 'stopped' AND new.weighted_score IS NULL) BEGIN
    INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
    VALUES (date(new.started_at, 'localtime'), (1), (new.elapsed_ms / 60000), (new.weighted_score IS NOT NULL), (coalesce(new.weighted_score, 0)), (coalesce(new.weighted_score >= 4, 0)))
    ON CONFLICT (date) DO UPDATE SET
        mock_n = mock_n + excluded.mock_n,
        mock_min = mock_min + excluded.mock_min,
        mock_scored = mock_scored + excluded.mock_scored,
        mock_score_sum = mock_score_sum + excluded.mock_score_sum,
        mock_passed = mock_passed + excluded.mock_passed;
END;

CREATE TRIGGER practice_day_rehearsal_insert AFTER INSERT ON rehearsal BEGIN
    INSERT INTO practice_day (date, rehearsal_n, rehearsal_min)
    VALUES (new.date, (1), ((new.seconds + 59) / 60))
    ON CONFLICT (date) DO UPDATE SET
        rehearsal_n = rehearsal_n + excluded.rehearsal_n,
        rehearsal_min = rehearsal_min + excluded.rehearsal_min;
END;

CREATE TRIGGER practice_day_rehearsal_delete AFTER DELETE ON rehearsal BEGIN
    INSERT INTO practice_day (date, rehearsal_n, rehearsal_min)
    VALUES (old.date, -(1), -((old.seconds + 59) / 60))
    ON CONFLICT (date) DO UPDATE SET
        rehearsal_n = rehearsal_n + excluded.rehearsal_n,
        rehearsal_min = rehearsal_min + excluded.rehearsal_min;
END;

CREATE TRIGGER practice_day_revision_insert AFTER INSERT ON story_revision
WHEN new.first = 0 AND EXISTS (SELECT 1 FROM story s WHERE s.id = new.story_id AND s.deleted_at IS NULL) BEGIN
    INSERT INTO practice_day (date, refinement_n)
    VALUES (date(new.created_at, 'localtime'), (1))
    ON CONFLICT (date) DO UPDATE SET
        refinement_n = refinement_n + excluded.refinement_n;
END;

-- A cascade from a deleted story finds no story here; story_delete below
-- has already taken its refinements off.
CREATE TRIGGER practice_day_revision_delete AFTER DELETE ON story_revision
WHEN old.first = 0 AND EXISTS (SELECT 1 FROM story s WHERE s.id = old.story_id AND s.deleted_at IS NULL) BEGIN
    INSERT INTO practice_day (date, refinement_n)
    VALUES (date(old.created_at, 'localtime'), -(1))
    ON CONFLICT (date) DO UPDATE SET
        refinement_n = refinement_n + excluded.refinement_n;
END;

CREATE TRIGGER practice_day_story_trash AFTER UPDATE OF deleted_at ON story
WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
    INSERT INTO practice_day (date, refinement_n)
    SELECT date(created_at, 'localtime'), -count(*) FROM story_revision
    WHERE story_id = new.id AND first = 0 GROUP BY 1
    ON CONFLICT (date) DO UPDATE SET refinement_n = refinement_n + excluded.refinement_n;
END;

CREATE TRIGGER practice_day_story_restore AFTER UPDATE OF deleted_at ON story
WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, refinement_n)
    SELECT date(created_at, 'localtime'), count(*) FROM story_revision
    WHERE story_id = new.id AND first = 0 GROUP BY 1
    ON CONFLICT (date) DO UPDATE SET refinement_n = refinement_n + excluded.refinement_n;
END;

CREATE TRIGGER practice_day_story_delete BEFORE DELETE ON story
WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO practice_day (date, refinement_n)
    SELECT date(created_at, 'localtime'), -count(*) FROM story_revision
    WHERE story_id = old.id AND first = 0 GROUP BY 1
    ON CONFLICT (date) DO UPDATE SET refinement_n = refinement_n + excluded.refinement_n;
END;

-- Fill it from what is already there.
INSERT INTO practice_day (date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min, star_n, star_min, ext_n, ext_min, ext_score_sum, ext_passed)
SELECT e.date, sum(e.kind = 'coding'), sum(iif(e.kind = 'coding', e.minutes, 0)), sum(e.kind = 'design'), sum(iif(e.kind = 'design', e.minutes, 0)), sum(e.kind = 'design' AND json_extract(e.data, '$.completenessPct') >= 80), sum(e.kind = 'lp-study'), sum(iif(e.kind = 'lp-study', e.minutes, 0)), sum(e.kind = 'story-practice'), sum(iif(e.kind = 'story-practice', e.minutes, 0)), sum(e.kind = 'external-mock'), sum(iif(e.kind = 'external-mock', e.minutes, 0)), sum(iif(e.kind = 'external-mock', json_extract(e.data, '$.score'), 0)), sum(e.kind = 'external-mock' AND json_extract(e.data, '$.score') >= 4)
FROM practice_entry e WHERE e.deleted_at IS NULL
GROUP BY 1
ON CONFLICT (date) DO UPDATE SET
    coding_n = coding_n + excluded.coding_n,
    coding_min = coding_min + excluded.coding_min,
    design_n = design_n + excluded.design_n,
    design_min = design_min + excluded.design_min,
    design_done = design_done + excluded.design_done,
    lp_n = lp_n + excluded.lp_n,
    lp_min = lp_min + excluded.lp_min,
    star_n = star_n + excluded.star_n,
    star_min = star_min + excluded.star_min,
    ext_n = ext_n + excluded.ext_n,
    ext_min = ext_min + excluded.ext_min,
    ext_score_sum = ext_score_sum + excluded.ext_score_sum,
    ext_passed = ext_passed + excluded.ext_passed;

INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
SELECT date(m.started_at, 'localtime'), sum(1), sum(m.elapsed_ms / 60000), sum(m.weighted_score IS NOT NULL), sum(coalesce(m.weighted_score, 0)), sum(coalesce(m.weighted_score >= 4, 0))
FROM mock_session m WHERE NOT (m.ending = 'stopped' AND m.weighted_score IS NULL)
GROUP BY 1
ON CONFLICT (date) DO UPDATE SET
    mock_n = mock_n + excluded.mock_n,
    mock_min = mock_min + excluded.mock_min,
    mock_scored = mock_scored + excluded.mock_scored,
    mock_score_sum = mock_score_sum + excluded.mock_score_sum,
    mock_passed = mock_passed + excluded.mock_passed;

INSERT INTO practice_day (date, rehearsal_n, rehearsal_min)
SELECT r.date, sum(1), sum((r.seconds + 59) / 60)
FROM rehearsal r WHERE true
GROUP BY 1
ON CONFLICT (date) DO UPDATE SET
    rehearsal_n = rehearsal_n + excluded.rehearsal_n,
    rehearsal_min = rehearsal_min + excluded.rehearsal_min;

INSERT INTO practice_day (date, refinement_n)
SELECT date(v.created_at, 'localtime'), sum(1)
FROM story_revision v JOIN story s ON s.id = v.story_id
WHERE v.first = 0 AND s.deleted_at IS NULL
GROUP BY 1
ON CONFLICT (date) DO UPDATE SET
    refinement_n = refinement_n + excluded.refinement_n;

-- The recent scored mocks (readiness, the trend chart) by date.
CREATE INDEX practice_entry_mocks ON practice_entry (date) WHERE kind = 'external-mock' AND deleted_at IS NULL;
CREATE INDEX mock_session_scored ON mock_session (started_at) WHERE weighted_score IS NOT NULL;
