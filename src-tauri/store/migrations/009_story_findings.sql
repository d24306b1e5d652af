-- 009: how many major story-check findings each story had when last saved,
-- so counting "polished" stories needs no re-check of the whole bank.
-- NULL until computed; Store::migrate fills the NULLs in Rust (the check is
-- Rust code, not SQL).
ALTER TABLE story ADD COLUMN major_findings INTEGER CHECK (major_findings IS NULL OR major_findings >= 0);
