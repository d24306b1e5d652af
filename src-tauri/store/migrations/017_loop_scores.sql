-- 017: a loop is scored round by round, and a design round on a named
-- problem. `problem_id` is a design problem of the bank (its weights are
-- that problem's focus); `rounds_json` holds a loop's round cards (each
-- round's scores, problem and the principles it probed). A loop's own
-- weighted score is the mean of its rounds and its verdict is derived from
-- them (`timer::scoring::loop_verdict`); both are still kept in their
-- columns, so the day totals above read every kind of round alike.
ALTER TABLE mock_session ADD COLUMN problem_id TEXT;
ALTER TABLE mock_session ADD COLUMN rounds_json TEXT
    CHECK (rounds_json IS NULL OR (json_valid(rounds_json) AND json_type(rounds_json) = 'array'));
-- The dashboard shows the latest scored loops.
CREATE INDEX mock_session_scored_loops ON mock_session (started_at)
    WHERE kind = 'loop' AND weighted_score IS NOT NULL;
