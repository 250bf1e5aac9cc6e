#!/usr/bin/env bash
# API benchmark on loopback: 10,000 stored articles (half English, half Chinese) and wrk at fixed concurrency against
# GET /articles/{id}, GET /articles?limit=20 and searches in English and Chinese, all in one run.
# Called by `./newsloom bench-api` with the stack of `./newsloom up` running: API_URL PSQL_PORT.
set -euo pipefail
API="${1:?usage: api-bench.sh API_URL PG_PORT}" PG_PORT="${2:?}"
HERE="$(cd "$(dirname "$0")" && pwd)"
COUNT="${NEWSLOOM_BENCH_ARTICLES:-10000}" CONNECTIONS="${NEWSLOOM_BENCH_CONNECTIONS:-16}"
DURATION="${NEWSLOOM_BENCH_SECONDS:-15}"
psql_app() { PGPASSWORD=newsloom psql -h 127.0.0.1 -p "$PG_PORT" -U newsloom -d newsloom -v ON_ERROR_STOP=1 -qtA "$@"; }
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }

# The benchmark's articles go straight into the store's table (the store's own path is measured by the pipeline
# benchmark); the search column is computed by PostgreSQL as for any stored article.
have="$(psql_app -c "SELECT count(*) FROM articles.article WHERE site LIKE 'bench%.example'")"
if [ "$have" -lt "$COUNT" ]; then
  echo "seeding $COUNT articles ..." >&2
  psql_app <<SQL
DELETE FROM articles.article WHERE site LIKE 'bench%.example';
WITH words AS (SELECT string_to_array('market city council river storm election energy school police court hospital'
       || ' budget railway harbour museum farmers weather football bank housing minister report water bridge', ' ') AS en,
     string_to_array('先進制造集群國家工業信息化部地铁交通城市經濟發展科技創新能源市場政府報告企業產業', NULL) AS zh)
INSERT INTO articles.article (id, url, canonical_url, site, title, authors, published_at, fetched_at, language,
                              text, word_count, content_hash)
SELECT substr(md5('bench-' || g), 1, 16),
       'https://bench' || (g % 64) || '.example/a/' || g, 'https://bench' || (g % 64) || '.example/a/' || g,
       'bench' || (g % 64) || '.example',
       CASE WHEN g % 2 = 0 THEN 'Report ' || g ELSE '報告 ' || g END, ARRAY['Bench Writer'],
       now() - g * interval '1 minute', now(), CASE WHEN g % 2 = 0 THEN 'en' ELSE 'zh-Hant' END,
       CASE WHEN g % 2 = 0
            THEN (SELECT string_agg(en[1 + (abs(hashtext(g || '-' || i)) % array_length(en, 1))], ' ')
                  FROM generate_series(1, 400) i)
            ELSE (SELECT string_agg(zh[1 + (abs(hashtext(g || '-' || i)) % array_length(zh, 1))], '')
                  FROM generate_series(1, 600) i) END,
       500, md5('bench-' || g) || md5('bench-' || g)
FROM words, generate_series(1, $COUNT) g;
ANALYZE articles.article;
SQL
fi
ids="$(mktemp)"; psql_app -c "SELECT id FROM articles.article WHERE site LIKE 'bench%.example' ORDER BY random() LIMIT 2000" > "$ids"

run() {   # $1 = name, $2 = path (or "-" for random ids)
  local out
  if [ "$2" = "-" ]; then
    out="$(IDS_FILE="$ids" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/random-article.lua" "$API")"
  else
    out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$API$2")"
  fi
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"; p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  printf '%-34s %10s %10s %10s %8s\n' "$1" "$rps" "$p50" "$p99" "${errors:-0}"
}
echo "API benchmark: $COUNT articles, $CONNECTIONS connections, ${DURATION}s each, wrk on loopback ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-34s %10s %10s %10s %8s\n' "request" "req/s" "p50" "p99" "non-2xx"
run "GET /articles/{id}" -
run "GET /articles?limit=20" "/api/v1/articles?limit=20"
run "GET /articles?q=market (English)" "/api/v1/articles?q=market"
run "GET /articles?q=先進制造 (Chinese)" "/api/v1/articles?q=%E5%85%88%E9%80%B2%E5%88%B6%E9%80%A0"
rm -f "$ids"
