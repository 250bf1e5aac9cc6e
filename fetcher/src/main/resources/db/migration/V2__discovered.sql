-- Page URLs that feeds and sitemaps have announced. A URL is new to a source's poll only when this insert adds it,
-- so two polls that overlap (the first one's crawl requests still on their way through Kafka to the frontier)
-- neither count nor publish the same entry twice.
CREATE TABLE discovered (
    url           text PRIMARY KEY,
    discovered_at timestamptz NOT NULL DEFAULT now()
);
