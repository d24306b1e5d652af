-- 018: indexes for what a day's work reads (store::tasks::day_work), which
-- runs after every log entry, story save, round and assessment to tick the
-- agenda items that work did: the revisions, ended rounds and new stories
-- of one local day. Without them each write scanned every revision (10,000
-- in the five-year data) and every round.
CREATE INDEX story_revision_by_updated ON story_revision (updated_at);
CREATE INDEX mock_session_by_ended ON mock_session (ended_at);
CREATE INDEX story_by_created ON story (created_at) WHERE deleted_at IS NULL;
