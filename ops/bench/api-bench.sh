#!/usr/bin/env bash
# API benchmark on loopback: 10,000 stored articles (half English, half Chinese) and wrk at fixed concurrency levels
# against GET /articles/{id}, GET /articles?limit=20, a cursor walk and searches in English and Chinese, all in one run.
# Prints a Markdown table (req/s, p50, p99, and the CPU the api and PostgreSQL spent per request) and writes it, with
# the machine's load and the services' memory, to $NEWSLOOM_HOME/bench/api.md.
# Called by `./newsloom bench-api` with the stack of `./newsloom up` running: API_URL PG_PORT NEWSLOOM_HOME.
set -euo pipefail
API="${1:?usage: api-bench.sh API_URL PG_PORT NEWSLOOM_HOME}" PG_PORT="${2:?}" STACK="${3:?}"
HERE="$(cd "$(dirname "$0")" && pwd)"
COUNT="${NEWSLOOM_BENCH_ARTICLES:-10000}" LEVELS="${NEWSLOOM_BENCH_CONCURRENCY:-1 16 64}"
DURATION="${NEWSLOOM_BENCH_SECONDS:-10}" WARMUP="${NEWSLOOM_BENCH_WARMUP_SECONDS:-5}"
REPORT="$STACK/bench/api.md"
psql_app() { PGPASSWORD=newsloom psql -h 127.0.0.1 -p "$PG_PORT" -U newsloom -d newsloom -v ON_ERROR_STOP=1 -qtA "$@"; }
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }

# The benchmark's articles go straight into the store's table (the store's own path is measured by the pipeline
# benchmark); the search columns are computed by PostgreSQL as for any stored article.
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
ids="$(mktemp)"; trap 'rm -f "$ids"' EXIT
psql_app -c "SELECT id FROM articles.article WHERE site LIKE 'bench%.example' ORDER BY random() LIMIT 2000" > "$ids"

# What each row measures: name, path, wrk script (the path is the script's LIST_PATH).
# "market" is in every English article (the most expensive kind of search: 5,000 matches); 地铁 in about 1,600 of
# the Chinese ones.
NAMES=("GET /articles/{id}" "GET /articles?limit=20" "cursor walk, limit=20" "search q=market (English)"
       "search q=地铁 (Chinese)")
PATHS=("-" "/api/v1/articles?limit=20" "/api/v1/articles?limit=20" "/api/v1/articles?q=market"
       "/api/v1/articles?q=%E5%9C%B0%E9%93%81")
SCRIPTS=("random-article.lua" "" "cursor-walk.lua" "" "")
# The targets of issue 8 on a 2-core machine: req/s at least, p99 below (ms).
TARGETS=("3000 20" "" "" "300 100" "300 100")

pid_of() { local f="$STACK/run/$1.pid"; [ -f "$f" ] && cat "$f" || true; }
api_pid="$(pid_of api)"
pg_pid="$(head -n 1 "$STACK/pg/postmaster.pid" 2>/dev/null || true)"
ticks() {   # CPU time (user + system, clock ticks) of the processes $@ that still run
  local files=() p; for p in "$@"; do [ -r "/proc/$p/stat" ] && files+=("/proc/$p/stat"); done
  awk '{t += $14 + $15} END {print t + 0}' "${files[@]}" /dev/null
}
pg_ticks() { ticks "$pg_pid" $(ps -o pid= --ppid "$pg_pid"); }   # the postmaster and every backend
rss_mb() { [ -n "$1" ] && awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  printf "%.1f", u == "us" ? n / 1000 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n }'; }

wrk_run() {   # $1 = row index, $2 = connections, $3 = seconds
  local script="${SCRIPTS[$1]}" path="${PATHS[$1]}" threads=$(( $2 < 2 ? 1 : 2 ))
  local args=(-t"$threads" -c"$2" -d"$3s" --latency)
  if [ -n "$script" ]; then
    IDS_FILE="$ids" LIST_PATH="$path" wrk "${args[@]}" -s "$HERE/$script" "$API"
  else
    wrk "${args[@]}" "$API$path"
  fi
}

measure() {   # $1 = row index, $2 = connections: one Markdown row
  local api0 pg0 out
  api0="$(ticks "$api_pid")" pg0="$(pg_ticks)"
  out="$(wrk_run "$1" "$2" "$DURATION"; times)"   # times: last line, the CPU of the subshell's children (wrk)
  local api_ticks=$(( $(ticks "$api_pid") - api0 )) pg_ticks=$(( $(pg_ticks) - pg0 ))
  local wrk_s; wrk_s="$(tail -n 1 <<<"$out" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] } print n }')"
  local rps requests p50 p99 errors verdict="" hz; hz="$(getconf CLK_TCK)"
  rps="$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")"
  if [ -n "${TARGETS[$1]}" ]; then
    read -r min_rps max_p99 <<<"${TARGETS[$1]}"
    verdict="$(awk -v r="$rps" -v p="$p99" -v mr="$min_rps" -v mp="$max_p99" \
      'BEGIN { printf "%s (≥ %d req/s, p99 < %d ms)", (r >= mr && p < mp) ? "met" : "missed", mr, mp }')"
  fi
  awk -v n="${NAMES[$1]}" -v c="$2" -v r="$rps" -v a="$p50" -v b="$p99" -v e="$errors" -v q="$requests" \
      -v at="$api_ticks" -v pt="$pg_ticks" -v ws="$wrk_s" -v hz="$hz" -v cores="$(nproc)" -v v="$verdict" \
    'BEGIN { q = q > 0 ? q : 1; a_ms = at * 1000 / hz / q; p_ms = pt * 1000 / hz / q; w_ms = ws * 1000 / q;
             allows = cores * 1000 / (a_ms + p_ms + w_ms);
             printf "| %s | %d | %s | %s | %s | %s | %.2f | %.2f | %.2f | %.0f | %.1f | %s |\n", n, c, r, a, b, e, a_ms,
                    p_ms, w_ms, allows, c * 1000 / allows, v }'
}

mkdir -p "$(dirname "$REPORT")"
: > "$REPORT"
say() { echo "$*" | tee -a "$REPORT"; }
api_cpu0="$(ticks "$api_pid")"
say "# API benchmark"
say ""
say "$(date -u +%FT%TZ), commit $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$HERE" diff --quiet HEAD 2>/dev/null || echo ' (modified)'),"
say "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), wrk on loopback against $API."
say "$COUNT articles (half English, half Chinese); each row runs ${DURATION} s after a ${WARMUP} s warm-up of its request."
say ""
say "Load average before: $(load). Idle RSS: $(for s in api fetcher parser store; do
  p="$(pid_of "$s")"; [ -n "$p" ] && printf '%s %s MB, ' "$s" "$(rss_mb "$p")"; done | sed 's/, $//')."
say ""
say "| request | connections | req/s | p50 ms | p99 ms | errors | CPU ms/req: api | PostgreSQL | wrk | req/s the CPU allows | least mean ms | target |"
say "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for i in "${!NAMES[@]}"; do
  wrk_run "$i" 16 "$WARMUP" >/dev/null   # JIT-compile the request's path before it is measured
  for c in $LEVELS; do say "$(measure "$i" "$c")"; done
done
say ""
say "Load average after: $(load). api: RSS $(rss_mb "$api_pid") MB after the run, \
$(( ($(ticks "$api_pid") - api_cpu0) / $(getconf CLK_TCK) )) CPU seconds during it."
say "CPU ms/req: CPU time (user + system) of the api process, of all PostgreSQL processes and of wrk during the row,"
say "per request. req/s the CPU allows: $(nproc) cores / their sum, the rate if these three had the machine to"
say "themselves. A target missed while that figure is above it was lost to other load on the machine (load average)."
say "Least mean ms: connections / req/s the CPU allows (Little's law): with that many requests always in flight, no"
say "request's mean latency can be lower on these cores; a p99 target below it cannot hold at that concurrency."
echo "report: $REPORT" >&2
