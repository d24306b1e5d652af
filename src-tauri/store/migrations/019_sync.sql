-- 019: sync through a folder another program syncs (store/sync.rs). This
-- device's id and name, the folder, the last change file it wrote, and
-- whether writes are being captured (only while a folder is set, and not
-- while another device's file is applied); the records changed since the
-- last file (filled by triggers made from store::sync::SYNCED, in the same
-- transaction as the edit, so a kill never loses one); and the last file
-- applied from each other device.
CREATE TABLE sync_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    device   TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    folder   TEXT,
    capture  INTEGER NOT NULL DEFAULT 0 CHECK (capture IN (0, 1)),
    sent_seq INTEGER NOT NULL DEFAULT 0 CHECK (sent_seq >= 0)
) STRICT;

CREATE TABLE sync_outbox (
    tbl TEXT NOT NULL,
    rec TEXT NOT NULL,
    PRIMARY KEY (tbl, rec)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_applied (
    device TEXT    PRIMARY KEY,
    seq    INTEGER NOT NULL CHECK (seq >= 0)
) STRICT;
