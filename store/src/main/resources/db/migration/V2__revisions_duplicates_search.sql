-- Revisions, near-duplicates, store order and full-text search. The api reads all of this and writes none of it.

-- Store order: assigned once, when the article is first stored, and never changed, so that a keyset cursor over it
-- stays valid while new articles arrive (they only ever get larger numbers).
ALTER TABLE article ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX article_seq ON article (seq);
DROP INDEX article_newest;
-- GET /articles hides near-duplicates by default.
CREATE INDEX article_originals ON article (seq) WHERE duplicate_of IS NULL;
CREATE INDEX article_site ON article (lower(site), seq);
CREATE INDEX article_language ON article (lower(language), seq);
CREATE INDEX article_time ON article (coalesce(published_at, fetched_at));

-- Near-duplicates: a 64-bit SimHash of the text (null when the text is too short to fingerprint), and its four
-- 16-bit bands tagged with their band number. Two fingerprints at most 3 bits apart agree on at least one band, so a
-- GIN lookup of the bands finds every candidate without scanning the table.
ALTER TABLE article ADD COLUMN simhash bigint;
ALTER TABLE article ADD COLUMN simhash_bands integer[];
CREATE INDEX article_simhash_bands ON article USING gin (simhash_bands);
CREATE INDEX article_duplicate_of ON article (duplicate_of);

-- Earlier revisions of an article: the row as it was before a different contentHash replaced it.
CREATE TABLE article_revision (
    article_id    text        NOT NULL REFERENCES article (id),
    version       integer     NOT NULL,
    url           text        NOT NULL,
    canonical_url text        NOT NULL,
    site          text,
    title         text,
    authors       text[]      NOT NULL,
    published_at  timestamptz,
    modified_at   timestamptz,
    fetched_at    timestamptz,
    language      text,
    description   text,
    text          text        NOT NULL,
    html          text,
    image_url     text,
    tags          text[]      NOT NULL,
    word_count    integer     NOT NULL,
    content_hash  text        NOT NULL,
    duplicate_of  text,
    stored_at     timestamptz NOT NULL,   -- when this revision was stored
    replaced_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, version)
);

-- Full-text search on PostgreSQL alone. Latin-script words go through the 'english' configuration (stemming, stop
-- words). Chinese and Japanese have no spaces between words, so a run of such characters is indexed as its
-- overlapping character pairs, each at the position of its first character, plus the run's last character on its
-- own: a query of n characters is then the phrase of its n-1 pairs (one character: a prefix match). Positions count
-- characters of the text, so a phrase never spans punctuation or Latin text. Text is searched as written: simplified
-- and traditional characters are different characters. PostgreSQL caps positions at 16383, so phrases beyond that
-- many characters into a text can match loosely.
-- The character class below is Chinese and Japanese: Hiragana, Katakana, CJK ideographs with their extensions and
-- compatibility forms.
CREATE FUNCTION cjk_document(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$
SELECT coalesce(string_agg('''' || g.gram || ''':' || least(g.pos, 16383), ' '), '')::tsvector
FROM (SELECT c.pos, CASE WHEN c.next_is_cjk THEN c.ch || c.next_ch ELSE c.ch END AS gram
      FROM (SELECT u.ch, u.pos, lead(u.ch) OVER w AS next_ch,
                   coalesce(lead(u.ch) OVER w ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]',
                            false) AS next_is_cjk
            FROM unnest(string_to_array(body, NULL)) WITH ORDINALITY AS u(ch, pos)
            WINDOW w AS (ORDER BY u.pos)) c
      WHERE c.ch ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]') g
$$;

-- The query for a run of CJK characters, matching how cjk_document indexes them.
CREATE FUNCTION cjk_query(run text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$
SELECT CASE
           WHEN char_length(run) = 1 THEN ('''' || run || ''':*')::tsquery
           ELSE (SELECT string_agg('''' || substr(run, i, 2) || '''', ' <-> ' ORDER BY i)
                 FROM generate_series(1, char_length(run) - 1) AS i)::tsquery
           END
$$;

-- Latin text with the CJK runs blanked out, for the 'english' configuration.
CREATE FUNCTION latin_part(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$
SELECT regexp_replace(body, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+', ' ', 'g')
$$;

-- What an article is found by: the title weighs more than the text.
-- (search_path fixed at creation, so that the functions it calls are found whatever the caller's search_path)
CREATE FUNCTION search_document(title text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS
$$
SELECT setweight(to_tsvector('english'::regconfig, latin_part(coalesce(title, ''))), 'A')
           || setweight(cjk_document(coalesce(title, '')), 'A')
           || setweight(to_tsvector('english'::regconfig, latin_part(coalesce(body, ''))), 'B')
           || setweight(cjk_document(coalesce(body, '')), 'B')
$$;

-- A user's search text as a query: the Latin words in web-search syntax ("quoted phrases", -not, or) and every CJK
-- run as its phrase, all required.
CREATE FUNCTION search_query(q text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT SET search_path FROM CURRENT AS
$$
SELECT coalesce(w.latin && c.cjk, w.latin)
FROM (SELECT websearch_to_tsquery('english'::regconfig, latin_part(q)) AS latin) w,
     (SELECT string_agg('(' || cjk_query(m[1])::text || ')', ' & ')::tsquery AS cjk
      FROM regexp_matches(q, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)', 'g') AS m) c
$$;

ALTER TABLE article ADD COLUMN search tsvector GENERATED ALWAYS AS (search_document(title, text)) STORED;
CREATE INDEX article_search ON article USING gin (search);
