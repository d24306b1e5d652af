-- 010: where each rehearsed story and question stands, so the rehearsal
-- queue reads the items due instead of replaying every rehearsal through
-- FSRS on each call. One row per item with at least one rehearsal; it is
-- the replay of that item's rows (stories::review::schedule), rewritten in
-- the same transaction as every rehearsal written (store::rehearsal).
-- Store::migrate fills it in Rust for files written before this version
-- (FSRS is Rust code, not SQL); tests/store/rehearsal.rs checks it against
-- the replay.
CREATE TABLE rehearsal_state (
    id             INTEGER PRIMARY KEY,
    -- exactly one of: a story, or a question id from the bundled bank
    story_id       INTEGER UNIQUE REFERENCES story (id) ON DELETE CASCADE,
    question       TEXT    UNIQUE,
    reviews        INTEGER NOT NULL CHECK (reviews >= 1),
    lapses         INTEGER NOT NULL CHECK (lapses >= 0),
    stability      REAL    NOT NULL,
    difficulty     REAL    NOT NULL,
    interval_days  INTEGER NOT NULL,
    last_rehearsed TEXT    NOT NULL CHECK (date(last_rehearsed) = last_rehearsed),
    -- the local calendar date it is next due
    due            TEXT    NOT NULL,
    CHECK ((story_id IS NULL) <> (question IS NULL))
) STRICT;
-- the queue: items due on or before a date
CREATE INDEX rehearsal_state_by_due ON rehearsal_state (due);
