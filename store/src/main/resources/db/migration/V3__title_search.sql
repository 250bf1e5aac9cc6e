-- Search order without ranking every match: articles whose title matches come first, then the others, each group
-- the most recently stored first. Ranking (ts_rank) had to read the document of every match, thousands for a common
-- word; with this order PostgreSQL reads the newest matches along the seq index (or, for rare words, the GIN index)
-- and stops after one page. The title's own document, indexed, finds the first group and tells the groups apart.
ALTER TABLE article ADD COLUMN title_search tsvector GENERATED ALWAYS AS (search_document(title, NULL)) STORED;
CREATE INDEX article_title_search ON article USING gin (title_search);
