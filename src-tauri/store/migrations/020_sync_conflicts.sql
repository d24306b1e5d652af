-- 020: concurrent edits that sync resolved (store/sync.rs), and what each
-- other device had applied of ours (for removing files all have). The last change
-- file of ours that carried each record (so an incoming version can be told
-- apart as made before or after its sender saw ours), and the records that
-- were changed on two computers before either saw the other's change: the
-- version kept (the one changed last, on every computer) and the one not
-- kept, both in the export's form, until the candidate picks one.
CREATE TABLE sync_sent (
    tbl TEXT    NOT NULL,
    rec TEXT    NOT NULL,
    seq INTEGER NOT NULL CHECK (seq > 0),
    PRIMARY KEY (tbl, rec)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_conflict (
    id       INTEGER PRIMARY KEY,
    tbl      TEXT    NOT NULL,
    rec      TEXT    NOT NULL,
    -- the other computer and its file that met our version
    device   TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    kept     TEXT    NOT NULL CHECK (json_valid(kept)),
    lost     TEXT    NOT NULL CHECK (json_valid(lost)),
    -- 'here' when this computer's version was kept, 'there' when the other's was
    kept_from TEXT   NOT NULL CHECK (kept_from IN ('here', 'there')),
    found_at TEXT    NOT NULL,
    UNIQUE (tbl, rec, device, seq)
) STRICT;

-- From the newest file applied of each other device: the last file of ours
-- it had applied then, and when it wrote that file (a device silent for
-- long no longer holds back the removal of our old files).
ALTER TABLE sync_applied ADD COLUMN seen_ours INTEGER NOT NULL DEFAULT 0 CHECK (seen_ours >= 0);
ALTER TABLE sync_applied ADD COLUMN heard_at TEXT;
