-- 014: the rehearsal queue's stories in its own order (oldest due, hardest
-- first, then bank order), for store::rehearsal::due_story_order. With only
-- rehearsal_state_by_due every due story was read and then sorted by
-- difficulty before a page deep in the queue could be placed; this index
-- holds the order and the columns read, so the rows come out in order and
-- the sort goes.
CREATE INDEX rehearsal_state_story_queue
    ON rehearsal_state (due, difficulty DESC, story_id) WHERE story_id IS NOT NULL;
