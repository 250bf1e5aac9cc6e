-- The large values (article text and HTML, the search document) are compressed with lz4 instead of PostgreSQL's
-- default pglz when they are stored out of line (TOAST): about the same size on news pages, at half the CPU time of
-- an insert's compression (measured in ops/bench/results/pipeline-cost.md). Existing values stay as they are; both
-- methods are read alike. Needs PostgreSQL 14 or later built with lz4 (Debian's and the postgres images are).
ALTER TABLE article ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN html SET COMPRESSION lz4,
    ALTER COLUMN search SET COMPRESSION lz4;
ALTER TABLE article_revision ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN html SET COMPRESSION lz4;
