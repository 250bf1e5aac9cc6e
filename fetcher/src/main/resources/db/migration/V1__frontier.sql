-- The fetcher's state: which URLs it knows, when each is due, what it learnt from the last fetch, the politeness
-- state of each host, and the registered sources. Only the fetcher writes these tables; the api reads "source".

CREATE TABLE host (
    host          text PRIMARY KEY,
    -- no request to this host before this time (minimum delay, Crawl-delay, Retry-After)
    next_fetch_at timestamptz NOT NULL DEFAULT now(),
    -- a fetcher instance holds the host until this time: one request in flight per host
    lease_until   timestamptz,
    leased_by     text
);

CREATE TABLE url (
    url           text PRIMARY KEY,            -- normalised
    host          text NOT NULL,
    request_url   text NOT NULL,               -- as it was requested
    request_id    text NOT NULL,
    kind          text NOT NULL,               -- page, feed, sitemap
    hints         jsonb NOT NULL DEFAULT '{}',
    source_id     text,
    state         text NOT NULL,               -- queued, fetching, done, failed
    due_at        timestamptz NOT NULL,
    attempts      integer NOT NULL DEFAULT 0,
    etag          text,
    last_modified text,
    last_status   integer,
    final_url     text,
    reason        text,
    fetched_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX url_queued_by_host ON url (host, due_at) WHERE state = 'queued';
CREATE INDEX url_leased ON url (state) WHERE state = 'fetching';

CREATE TABLE source (
    id               text PRIMARY KEY,        -- SourceCommand id: hash of the URL
    url              text NOT NULL UNIQUE,
    kind             text NOT NULL,           -- feed, sitemap
    interval_seconds integer NOT NULL,        -- as registered
    current_seconds  integer NOT NULL,        -- adapted to how often it changes
    next_poll_at     timestamptz NOT NULL,
    last_poll_at     timestamptz,
    last_status      text,                    -- changed, unchanged, failed: reason
    polls            integer NOT NULL DEFAULT 0,
    items_last       integer NOT NULL DEFAULT 0,
    items_new_last   integer NOT NULL DEFAULT 0,
    items_total      bigint NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now()
);
