-- 011: an index for the practice log's newest story refinements
-- (store::practice::refinement_instants, ORDER BY created_at DESC LIMIT n):
-- without it every revision was read and sorted to show the Log's first
-- page; with it the newest refinements are read in order and the read stops
-- after the page. It also serves the weekly refinement count
-- (store::stories::refinements_between, a created_at range).
CREATE INDEX story_revision_refinements ON story_revision (created_at) WHERE first = 0;
