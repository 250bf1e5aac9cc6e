-- Articles as the store keeps them: one row per article id (stable id of the canonical URL), the latest revision.
-- The api reads these tables and never writes them.
CREATE TABLE article (
    id            text PRIMARY KEY,
    url           text        NOT NULL,
    canonical_url text        NOT NULL,
    site          text,
    title         text,
    authors       text[]      NOT NULL DEFAULT '{}',
    published_at  timestamptz,
    modified_at   timestamptz,
    fetched_at    timestamptz,
    language      text,
    description   text,
    text          text        NOT NULL,
    html          text,
    image_url     text,
    tags          text[]      NOT NULL DEFAULT '{}',
    word_count    integer     NOT NULL CHECK (word_count >= 0),
    content_hash  text        NOT NULL,
    duplicate_of  text,
    version       integer     NOT NULL DEFAULT 1,
    stored_at     timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- GET /articles: newest first.
CREATE INDEX article_newest ON article (stored_at DESC, id DESC);

-- Every URL an article was requested or published under, for GET /articles/lookup?url=.
CREATE TABLE article_url (
    url        text PRIMARY KEY,
    article_id text NOT NULL REFERENCES article (id)
);
CREATE INDEX article_url_article ON article_url (article_id);
