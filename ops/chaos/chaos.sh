# The fault suite, `./newsloom chaos`: sourced by ./newsloom, whose functions start and stop the stack.
#
# On a stack of its own (fresh NEWSLOOM_HOME), with the load site serving ordinary pages on many 127.0.0.x hosts and
# poison pages on more:
#   quiet   the feeds of 5 hosts: the time their pages take to be stored, with nothing else going on
#   attack  the feeds of 5 other hosts and of every poison host at once: the same measure for the ordinary pages
#   faults  the rest of the hosts, a batch of feeds before each fault: kill -9 parser, store, fetcher, api (each back
#           after a few seconds), kill -9 Kafka, PostgreSQL stopped for 30 s (its batch registered while it is down),
#           everything killed and started at once
# then waits (bounded) for the end state and prints the report; then runs the abuse suite (`./newsloom abuse`) on a
# stack of its own and adds its line; exits 1 unless every check passed.

CHAOS_DOWN_SECONDS=5          # how long a killed service or broker stays down
CHAOS_PG_DOWN_SECONDS=30
CHAOS_FINAL_WAIT_SECONDS=600  # the bounded wait for the end state

chaos_settings() {
  SITE_PORT="${NEWSLOOM_CHAOS_SITE_PORT:-18620}"
  SITE_FIRST_OCTET="${NEWSLOOM_CHAOS_FIRST_OCTET:-100}"
  # 50 hosts: 5 for the quiet run, 5 for the attack, 40 for the faults
  SITE_HOSTS=50 PHASE_HOSTS=5 PAGES_PER_HOST="${NEWSLOOM_CHAOS_PAGES_PER_HOST:-40}"
  POISON_PAGES="${NEWSLOOM_CHAOS_POISON:-1000}"
  CORPUS="${NEWSLOOM_CORPUS:-$ROOT/../shared/corpus/article-extraction-benchmark/html}"
  SITE_DIR="$HOME_DIR/site"
  API="http://127.0.0.1:${HTTP_PORT[api]}"
  # Ordinary configuration of a local test stack: the crawler may reach loopback, politeness and timeouts are short
  # so that a run takes minutes; the api accepts short source intervals. A caller's own value wins. The names are
  # kept in CHAOS_SETTINGS: the abuse suite runs without them.
  local name default
  CHAOS_SETTINGS=()
  while read -r name default; do
    export "$name=${!name:-$default}"
    CHAOS_SETTINGS+=("$name")
  done <<'SETTINGS'
NEWSLOOM_FETCH_MIN_HOST_DELAY 100ms
NEWSLOOM_FETCH_CONNECT_TIMEOUT 3s
NEWSLOOM_FETCH_READ_TIMEOUT 5s
NEWSLOOM_FETCH_TOTAL_TIMEOUT 8s
NEWSLOOM_FETCH_RETRY_INITIAL_DELAY 1s
NEWSLOOM_FETCH_RETRY_MAX_DELAY 10s
NEWSLOOM_FETCH_ROBOTS_RETRY_DELAY 2s
NEWSLOOM_API_MIN_SOURCE_INTERVAL PT10S
SETTINGS
  export NEWSLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true
  CHAOS_SETTINGS+=(NEWSLOOM_FETCH_ALLOW_PRIVATE_NETWORKS)
}

psql_app() { PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$DB_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 -qtA "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start_loadsite() {
  local jar="$ROOT/loadsite/target/loadsite.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/loadsite/src" -newer "$jar" -print -quit)" ]; then
    "$ROOT/mvnw" -B -q -pl loadsite package -DskipTests
  fi
  setsid nohup java -Xmx768m -jar "$jar" --corpus "$CORPUS" --out "$SITE_DIR" --pages $((SITE_HOSTS * PAGES_PER_HOST)) \
    --hosts "$SITE_HOSTS" --first-octet "$SITE_FIRST_OCTET" --port "$SITE_PORT" --poison "$POISON_PAGES" \
    > "$LOGS/loadsite.log" 2>&1 < /dev/null &
  echo $! > "$RUN/loadsite.pid"
  for _ in $(seq 1 600); do
    grep -q '^ready' "$LOGS/loadsite.log" && { say "$(grep '^ready' "$LOGS/loadsite.log")"; return 0; }
    alive loadsite || { cat "$LOGS/loadsite.log" >&2; die "the load site did not start"; }
    sleep 0.1
  done
  die "the load site is not ready after 60 s"
}

# The site's lists in a table of the chaos schema, so that every count is one SQL query: page URL, phase, kind.
load_page_lists() {
  local lists="$RUN/pages.tsv"
  # page n is on host n % hosts: the first hosts quiet, the next attack, the rest faults
  awk -v hosts="$SITE_HOSTS" -v phase="$PHASE_HOSTS" '{ n = NR - 1; h = n % hosts;
      print $1 "\t" (h < phase ? "quiet" : h < 2 * phase ? "attack" : "faults") "\tarticle" }' "$SITE_DIR/urls.txt" > "$lists"
  awk '{ print $1 "\tpoison\t" $2 }' "$SITE_DIR/poison.txt" >> "$lists"
  psql_app -c "DROP SCHEMA IF EXISTS chaos CASCADE; CREATE SCHEMA chaos;
               CREATE TABLE chaos.page (url text PRIMARY KEY, phase text NOT NULL, kind text NOT NULL);"
  psql_app -c "\\copy chaos.page FROM '$lists'"
}

register_feeds() {   # feed URLs as arguments
  local feed
  for feed in "$@"; do
    curl -fsS -o /dev/null --max-time 30 -X POST -H 'Content-Type: application/json' \
      -d "{\"url\": \"$feed\", \"kind\": \"feed\", \"interval\": \"PT10M\"}" "$API/api/v1/sources" \
      || die "cannot register the feed $feed"
  done
}
feeds_of_hosts() { sed -n "$(($1 + 1)),$(($2))p" "$SITE_DIR/feeds.txt"; }   # hosts [$1, $2)

stored() {   # articles stored of a phase (all ordinary phases when none is given)
  psql_app -c "SELECT count(*) FROM chaos.page p JOIN articles.article_url a USING (url)
               WHERE p.kind = 'article' AND ('${1:-}' = '' OR p.phase = '${1:-}')" 2>/dev/null || echo -1
}

# Ordinary pages of a phase (all when none is given) the parser found no article in: a verdict on the page's content
# (the corpus has a few listings), not a delivery failure. From the dead letters read last.
not_articles() {
  with_dead_letters <<SQL | tail -n 1
SELECT count(DISTINCT p.url) FROM chaos.page p JOIN dead d USING (url)
WHERE p.kind = 'article' AND ('${1:-}' = '' OR p.phase = '${1:-}') AND d.stage = 'parser'
  AND d.reason LIKE 'not an article%';
SQL
}

# Waits until every ordinary page of a phase is stored or found no article; prints the seconds from $2 (ms) to the
# last of its articles stored.
time_phase() {   # $1 phase, $2 start ms, $3 pages
  local n=0 verdicts=0 i
  for i in $(seq 1 900); do
    n=$(stored "$1")
    if [ $((i % 10)) = 0 ] || [ "$n" -ge "$3" ]; then dead_letters > "$RUN/dead-letters.tsv"; verdicts=$(not_articles "$1"); fi
    [ $((n + verdicts)) -ge "$3" ] && break
    sleep 1
  done
  [ $((n + verdicts)) -ge "$3" ] || say "phase $1: only $n of $3 stored after 15 minutes"
  psql_app -c "SELECT round((extract(epoch FROM max(a.stored_at)) * 1000 - $2) / 1000.0, 1)
               FROM chaos.page p JOIN articles.article_url u USING (url) JOIN articles.article a ON a.id = u.article_id
               WHERE p.phase = '$1'"
}

all_ready() { local s; for s in "${SERVICES[@]}"; do ready "$s" || return 1; done; }

# After a fault: the time until every service is ready and articles are stored again (or none are left to store).
recovered_after() {   # $1 = the ms the fault was over (the component started again), $2 = articles expected so far
  local before; before=$(stored)
  for _ in $(seq 1 1200); do
    if all_ready; then
      local now; now=$(stored)
      if [ "$now" -gt "$before" ] || [ "$now" -ge "$2" ]; then
        awk -v ms="$(( $(now_ms) - $1 ))" 'BEGIN { printf "%.1f", ms / 1000 }'; return 0
      fi
    fi
    sleep 0.5
  done
  echo "not recovered in 600 s"
}

kill9() {   # $1 = name of a pid file
  local pid; pid="$(cat "$RUN/$1.pid" 2>/dev/null)" || return 0
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true   # reaps it quietly when this shell started it (no "Killed" message)
  rm -f "$RUN/$1.pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

FAULTS=() RECOVERY=()

fault() {   # $1 = what, $2 = articles expected so far; injects it, brings things back, records the recovery time
  local what="$1" expected="$2" back
  say "fault: $what"
  # a restarted process starts its log afresh: keep what led up to the fault
  mkdir -p "$LOGS/before-$((${#FAULTS[@]} + 1))-$what" && cp "$LOGS"/*.log "$LOGS/before-$((${#FAULTS[@]} + 1))-$what/"
  case "$what" in
    kill-9-parser|kill-9-store|kill-9-fetcher|kill-9-api)
      local s="${what#kill-9-}"
      kill9 "$s"; sleep "$CHAOS_DOWN_SECONDS"; start_service "$s" ;;
    kill-9-kafka)
      kill9 kafka; sleep "$CHAOS_DOWN_SECONDS"; start_kafka ;;
    stop-postgres-30s)
      stop_postgres
      local t_down; t_down=$(now_ms)
      # shellcheck disable=SC2086 # one feed URL per word
      [ -z "$OUTAGE_FEEDS" ] || register_feeds $OUTAGE_FEEDS
      sleep "$(awk -v s="$CHAOS_PG_DOWN_SECONDS" -v ms="$(( $(now_ms) - t_down ))" 'BEGIN { r = s - ms / 1000; print (r > 0 ? r : 0) }')"
      start_postgres ;;
    restart-everything)
      # a power cut: every process killed at once (PostgreSQL without a checkpoint), then all started together
      local s pids=()
      for s in "${SERVICES[@]}" kafka; do kill9 "$s" & pids+=($!); done
      runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$HOME_DIR/pg" -m immediate -w stop >/dev/null 2>&1 || true
      wait "${pids[@]}"   # only these: the load site is a background job of this shell too
      start_postgres & pids=($!)
      start_kafka & pids+=($!)
      wait "${pids[@]}"
      for s in "${SERVICES[@]}"; do start_service "$s"; done ;;
  esac
  back=$(now_ms)
  FAULTS+=("$what")
  RECOVERY+=("$(recovered_after "$back" "$expected")")
  say "recovered from $what in ${RECOVERY[-1]} s"
}

# Total lag of the pipeline's consumer groups; "-" (nothing committed) counts the whole partition. The api's stream
# groups (newsloom-api-stream-*, one per api start) never commit by design: a stream resumes from event ids.
consumer_lag() {
  kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --describe --all-groups 2>/dev/null > "$RUN/lag.txt" || { echo -1; return; }
  awk '$1 ~ /^newsloom-/ && $1 !~ /^newsloom-api-stream-/ && $3 ~ /^[0-9]+$/ {
         if ($6 ~ /^[0-9]+$/) lag += $6; else if ($5 ~ /^[0-9]+$/) lag += $5 }
       END { print lag + 0 }' "$RUN/lag.txt"
}

dead_letters() {
  # backslashes doubled: the list is read by COPY's text format
  dead_letter_tool list | sed 's/\\/\\\\/g'
}

# Every poison page is an article or a dead letter; prints how many are neither.
with_dead_letters() {   # runs the SQL on stdin with the table "dead" of $RUN/dead-letters.tsv
  { echo "CREATE TEMP TABLE dead (stage text, origin text, url text, reason text);"
    echo "\\copy dead FROM '$RUN/dead-letters.tsv' WITH (FORMAT text)"
    cat; } | psql_app
}

poison_unaccounted() {
  with_dead_letters <<SQL | tail -n 1
SELECT count(*) FROM chaos.page p WHERE p.phase = 'poison'
  AND NOT EXISTS (SELECT 1 FROM articles.article_url a WHERE a.url = p.url)
  AND NOT EXISTS (SELECT 1 FROM dead d WHERE d.url = p.url);
SQL
}

end_state_reached() {   # $1 = ordinary pages
  all_ready || return 1
  [ "$(consumer_lag)" = 0 ] || return 1
  dead_letters > "$RUN/dead-letters.tsv"
  [ $(( $(stored) + $(not_articles) )) -ge "$1" ] && [ "$(poison_unaccounted)" = 0 ]
}

api_lookups() {   # how many of the ordinary pages the api serves by URL (one curl for all lookups)
  psql_app -c "SELECT url FROM chaos.page WHERE kind = 'article'" \
    | jq -Rr --arg api "$API" '"url = \"" + $api + "/api/v1/articles/lookup?url=" + (. | @uri) + "\"\noutput = /dev/null"' \
    > "$RUN/lookups.curl"
  curl -s -K "$RUN/lookups.curl" -w '%{http_code}\n' | grep -c '^200$' || true
}

cmd_chaos() {
  local t_start; t_start=$(now_ms)
  NEWSLOOM_HTTP_PORT_BASE="${NEWSLOOM_HTTP_PORT_BASE:-8180}"
  settings /tmp/newsloom-chaos 39092 55434
  case "$HOME_DIR" in /tmp/newsloom|/tmp/newsloom-test|/) die "chaos needs a home of its own, not $HOME_DIR";; esac
  chaos_settings
  [ -d "$CORPUS" ] || die "no corpus at $CORPUS (set NEWSLOOM_CORPUS)"
  build_if_needed
  # a fresh stack: whatever an earlier run left is stopped and deleted
  local s; for s in "${SERVICES[@]}" loadsite; do stop_pid "$s"; done; stop_pid kafka; stop_postgres
  rm -rf "$HOME_DIR"
  settings /tmp/newsloom-chaos 39092 55434
  stop_chaos() { local s; for s in "${SERVICES[@]}" loadsite; do stop_pid "$s"; done; stop_pid kafka; stop_postgres; }
  trap stop_chaos EXIT
  start_loadsite
  start_postgres
  start_kafka
  export_connections
  for s in "${SERVICES[@]}"; do start_service "$s"; done
  for s in "${SERVICES[@]}"; do wait_ready "$s"; done
  load_page_lists
  local per=$PAGES_PER_HOST ordinary=$((SITE_HOSTS * PAGES_PER_HOST))

  local phase_pages=$((PHASE_HOSTS * per))
  say "quiet: the feeds of $PHASE_HOSTS hosts ($phase_pages pages)"
  local t0; t0=$(now_ms)
  register_feeds $(feeds_of_hosts 0 "$PHASE_HOSTS")
  local quiet_s; quiet_s=$(time_phase quiet "$t0" "$phase_pages")

  say "attack: the feeds of $PHASE_HOSTS other hosts ($phase_pages pages) and of the $POISON_PAGES poison pages"
  t0=$(now_ms)
  register_feeds $(feeds_of_hosts "$PHASE_HOSTS" $((2 * PHASE_HOSTS))) $(cat "$SITE_DIR/poison-feeds.txt")
  local attack_s; attack_s=$(time_phase attack "$t0" "$phase_pages")

  local faults=(kill-9-parser kill-9-store kill-9-fetcher kill-9-api kill-9-kafka stop-postgres-30s restart-everything)
  local first=$((2 * PHASE_HOSTS)) left=$((SITE_HOSTS - 2 * PHASE_HOSTS)) i
  for i in "${!faults[@]}"; do
    local batch=$(( (left + ${#faults[@]} - i - 1) / (${#faults[@]} - i) ))
    # the PostgreSQL fault gets its feeds while the database is down: their source commands must wait, not be lost
    OUTAGE_FEEDS=""
    if [ "${faults[$i]}" = stop-postgres-30s ]; then
      OUTAGE_FEEDS="$(feeds_of_hosts "$first" $((first + batch)))"
    else
      register_feeds $(feeds_of_hosts "$first" $((first + batch)))
    fi
    first=$((first + batch)); left=$((left - batch))
    local expected=$((first * per))
    # the fault strikes while this batch is flowing
    local before; before=$(stored)
    for _ in $(seq 1 120); do [ "$(stored)" -gt $((before + 20)) ] && break; sleep 0.5; done
    fault "${faults[$i]}" "$expected"
  done

  say "waiting (at most $CHAOS_FINAL_WAIT_SECONDS s) for every page, zero lag and every service ready"
  local deadline=$(( $(date +%s) + CHAOS_FINAL_WAIT_SECONDS )) settled=no
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if end_state_reached "$ordinary"; then settled=yes; break; fi
    sleep 5
  done
  [ -f "$RUN/dead-letters.tsv" ] || dead_letters > "$RUN/dead-letters.tsv"
  local chaos_rc=0 report="$HOME_DIR/report.txt"
  chaos_report "$settled" "$quiet_s" "$attack_s" "$ordinary" "$t_start" || chaos_rc=$?
  stop_chaos; trap - EXIT

  # The abuse suite needs the fetcher's guard on and the default settings, so it runs on a stack of its own after
  # this one, in a subshell without the settings above.
  say "abuse: hostile requests to the api and SSRF attempts through the crawler (./newsloom abuse)"
  local abuse_rc=0
  rm -f "$ROOT/e2e/target/abuse-report.txt"
  ( unset "${CHAOS_SETTINGS[@]}"; cmd_abuse -q > "$report.abuse.log" 2>&1 ) || abuse_rc=$?
  {
    echo "abuse:               $(cat "$ROOT/e2e/target/abuse-report.txt" 2>/dev/null || echo "no report (log: $report.abuse.log)")"
    echo "total:               $(( ($(now_ms) - t_start) / 1000 )) s; fault suite $([ "$chaos_rc" = 0 ] && echo PASS || echo FAIL), abuse $([ "$abuse_rc" = 0 ] && echo PASS || echo "FAIL (log: $report.abuse.log)")"
  } | tee -a "$report"
  [ "$chaos_rc" = 0 ] && [ "$abuse_rc" = 0 ]
}

chaos_report() {   # $1 settled, $2 quiet s, $3 attack s, $4 ordinary pages, $5 start ms
  local settled="$1" quiet_s="$2" attack_s="$3" ordinary="$4" per=$PAGES_PER_HOST
  local served stored_n missing dup_urls dup_rows lag unaccounted lookups ready_list="" s verdicts expected
  served=$(awk '$4 == 200 && ($3 ~ /^\/news\// || $3 ~ /^\/poison\//) { n++ } END { print n + 0 }' "$SITE_DIR/access.log")
  stored_n=$(stored)
  verdicts=$(not_articles)
  expected=$((ordinary - verdicts))
  missing=$((expected - stored_n))
  dup_urls=$(psql_app -c "SELECT count(*) FROM (SELECT url FROM articles.article GROUP BY url HAVING count(*) > 1) d")
  dup_rows=$(psql_app -c "SELECT count(*) FROM chaos.page p JOIN articles.article a ON a.url = p.url
                          WHERE p.kind = 'article'" )
  dup_rows=$((dup_rows - stored_n))
  lag=$(consumer_lag)
  unaccounted=$(poison_unaccounted)
  lookups=$(api_lookups)
  for s in "${SERVICES[@]}"; do if ready "$s"; then ready_list+="$s:ready "; else ready_list+="$s:NOT-READY "; fi; done
  local ok=yes
  [ "$missing" = 0 ] && [ "$dup_urls" = 0 ] && [ "$dup_rows" = 0 ] && [ "$lag" = 0 ] && [ "$unaccounted" = 0 ] \
    && [ "$lookups" = "$expected" ] && [ "$settled" = yes ] || ok=no
  local ratio; ratio=$(awk -v q="$quiet_s" -v a="$attack_s" 'BEGIN { printf "%.2f", a / q }')
  awk -v r="$ratio" 'BEGIN { exit !(r <= 2.0) }' || ok=no
  {
    echo "==== newsloom chaos report ===="
    echo "duration:            $(( ($(now_ms) - $5) / 1000 )) s; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
    echo "faults injected:     ${#FAULTS[@]}"
    local i; for i in "${!FAULTS[@]}"; do printf '  %-20s recovered in %s s\n' "${FAULTS[$i]}" "${RECOVERY[$i]}"; done
    echo "pages served:        $served (200 answers for article and poison pages, retries included)"
    echo "articles expected:   $expected ($ordinary ordinary pages on $SITE_HOSTS hosts, less $verdicts the parser found no article in: dead letters \"not an article\")"
    echo "stored:              $stored_n"
    echo "missing:             $missing"
    echo "duplicates:          $dup_urls URLs with more than one row; $dup_rows extra rows for the site's pages"
    echo "in the api:          $lookups of $expected found by GET /api/v1/articles/lookup?url="
    echo "consumer lag:        $lag (all groups)"
    echo "services:            $ready_list"
    echo "poison pages:        $POISON_PAGES; articles $(psql_app -c "SELECT count(*) FROM chaos.page p JOIN articles.article_url a USING (url) WHERE p.phase = 'poison'"), neither article nor dead letter: $unaccounted"
    echo "throughput:          quiet $((PHASE_HOSTS * per)) pages in $quiet_s s; during the attack $((PHASE_HOSTS * per)) pages in $attack_s s (ratio $ratio, limit 2.0)"
    echo "dead letters by reason:"
    sed -E -e 's#https?://[^ 	]*#URL#g' -e 's/[0-9]+/N/g' "$RUN/dead-letters.tsv" | cut -f1,4 | sort | uniq -c | sort -rn \
      | awk '{ n = $1; $1 = ""; printf "  %6d %s\n", n, substr($0, 2) }'
    echo "poison pages by kind: articles / dead letters"
    with_dead_letters <<SQL
SELECT '  ' || rpad(p.kind, 18) || count(DISTINCT a.url) || ' / ' || count(DISTINCT d.url)
FROM chaos.page p LEFT JOIN articles.article_url a USING (url) LEFT JOIN dead d ON d.url = p.url
WHERE p.phase = 'poison' GROUP BY p.kind ORDER BY p.kind;
SQL
    echo "result:              $([ "$ok" = yes ] && echo PASS || echo FAIL) (logs: $LOGS)"
  } | tee "$HOME_DIR/report.txt"
  [ "$ok" = yes ]
}
