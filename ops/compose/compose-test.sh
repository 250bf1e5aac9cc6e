#!/usr/bin/env bash
# Proves the docker-compose deployment on this machine: brings up the unchanged docker-compose.yml (only the image
# variables point at locally built stand-ins), crawls the seed page through the API, checks the article through the
# API and on the articles topic read from the host, then scales the parser to 2 and checks that both instances get
# partitions and pages. Called by `./newsloom compose-test KAFKA_LIB_DIR`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KAFKA_LIB="${1:?usage: compose-test.sh KAFKA_LIB_DIR}"
PROJECT=newsloom-ci
NETWORK="${PROJECT}_newsloom"
SITE=newsloom-ci-site
DATA_ROOT="${NEWSLOOM_DOCKER_DATA_ROOT:-/var/lib/newsloom-docker}"   # outside the repository: images stay cached
API=http://127.0.0.1:8080
FIXTURES="$ROOT/extractor/src/test/resources/fixtures"
T0=$(date +%s)

say() { echo "compose-test [$(( $(date +%s) - T0 ))s]: $*" >&2; }
fail() { say "FAILED: $*"; dc ps >&2 || true; dc logs --no-color --tail 40 >&2 || true; exit 1; }
# Debian's docker CLI has BuildKit built in (the Dockerfiles use a cache mount for Maven's repository).
export PATH="/usr/bin:$PATH" DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
export KAFKA_IMAGE=newsloom-local/kafka:4.4.0 POSTGRES_IMAGE=newsloom-local/postgres:15 \
       BUILD_IMAGE=newsloom-local/java17:1 JAVA_IMAGE=newsloom-local/java17:1
# The test site is a container on the compose network, a private address: let the fetcher reach it.
export NEWSLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true
dc() { docker-compose -p "$PROJECT" -f "$ROOT/docker-compose.yml" "$@"; }

# 1. Docker engine, compose and debootstrap from Debian's packages; dockerd started by hand (no systemd here).
missing=()
for pair in docker:docker.io docker-compose:docker-compose debootstrap:debootstrap iptables:iptables jq:jq; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
[ -x /usr/bin/docker ] || missing+=(docker.io)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
STARTED_DOCKERD=""
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (data root $DATA_ROOT)"
  mkdir -p "$DATA_ROOT"
  dockerd --data-root "$DATA_ROOT" --pidfile /var/run/newsloom-dockerd.pid > /var/log/newsloom-dockerd.log 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start (see /var/log/newsloom-dockerd.log)"
fi
cleanup() {
  docker rm -f "$SITE" >/dev/null 2>&1 || true
  dc down -v --remove-orphans >/dev/null 2>&1 || true
  if [ -n "$STARTED_DOCKERD" ]; then kill "$STARTED_DOCKERD" 2>/dev/null || true; wait "$STARTED_DOCKERD" 2>/dev/null || true; fi
}
trap cleanup EXIT

# 2. Base images without a registry (cached in the data root after the first run).
"$ROOT/ops/compose/local-images.sh" "$KAFKA_LIB"
say "compose file: $(dc config -q && echo valid)"

# 3. The deployment as users start it.
dc down -v --remove-orphans >/dev/null 2>&1 || true
say "building and starting (docker-compose up -d --build)"
dc up -d --build >/tmp/newsloom-compose-up.log 2>&1 || { tail -n 60 /tmp/newsloom-compose-up.log >&2; fail "up"; }
wait_healthy() {   # every container of the project healthy, within $1 seconds
  local deadline=$(( $(date +%s) + $1 )) states
  while [ "$(date +%s)" -lt "$deadline" ]; do
    states="$(dc ps -q | xargs docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}')"
    if ! grep -qv ' healthy$' <<<"$states"; then say "all healthy: $(tr '\n' ' ' <<<"$states")"; return 0; fi
    sleep 3
  done
  echo "$states" >&2; fail "not healthy within $1 s"
}
wait_healthy 420
memory() {   # $1 = when: memory of every container of the project, one line
  say "memory $1: $(dc ps -q | xargs docker stats --no-stream --format '{{.Name}}={{.MemUsage}}' \
    | sed 's/^newsloom-ci_//; s/ \/ [^ ]*//' | tr '\n' ' ')"
}
memory "idle"

# 4. The seed page, served by a small web container under many host names (each name is a host to the fetcher).
aliases=(); for i in $(seq 1 12); do aliases+=(--network-alias "site$i"); done
docker run -d --name "$SITE" --network "$NETWORK" "${aliases[@]}" \
  -v "$FIXTURES:/site:ro" -v "$ROOT/ops/compose/StaticSite.java:/opt/StaticSite.java:ro" \
  "$JAVA_IMAGE" java /opt/StaticSite.java /site 8000 >/dev/null
url="http://site1:8000/news/seed-mirror.html"
for _ in $(seq 1 60); do docker logs "$SITE" 2>&1 | grep -q serving && break; sleep 1; done
code=$(curl -s -o /tmp/compose-crawl.json -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d "{\"urls\": [\"$url\"], \"kind\": \"page\"}" "$API/api/v1/crawl")
[ "$code" = 202 ] || fail "POST /crawl answered $code: $(cat /tmp/compose-crawl.json)"
say "crawl accepted: $(cat /tmp/compose-crawl.json)"
article=""
for _ in $(seq 1 120); do
  article="$(curl -fsS "$API/api/v1/articles/lookup?url=$(jq -rn --arg u "$url" '$u|@uri')" 2>/dev/null)" && break
  sleep 1
done
[ -n "$article" ] || fail "the article did not reach the API within 120 s"
expected="$(cat "$FIXTURES/seed-mirror.expected.txt")"
[ "$(jq -r .text <<<"$article")" = "$expected" ] || fail "article text differs: $(jq -r .text <<<"$article" | head -c 300)"
id="$(jq -r .id <<<"$article")"
say "article $id served by the API with the 8 paragraphs of the seed page"

# 5. The same article on the articles topic, read from the host through the host listener.
record="$(java -Dlog4j2.configurationFile="$ROOT/ops/kafka/log4j2-tools.properties" -cp "$KAFKA_LIB/*" \
  org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 --topic articles \
  --from-beginning --max-messages 1 --timeout-ms 60000 --formatter-property print.key=true --formatter-property key.separator=' ' \
  2>/dev/null || true)"
[ "${record%% *}" = "$id" ] || fail "articles topic: expected key $id, read '${record:0:100}'"
[ "$(jq -r .text <<<"${record#* }")" = "$expected" ] || fail "the event on the topic has another text"
say "article $id read from the articles topic on the host (localhost:9092)"

# 6. Two parsers share the pages: both get partitions and both parse pages.
dc up -d --no-build --scale parser=2 >/dev/null 2>&1 || fail "scale parser=2"
wait_healthy 300
parsers=($(dc ps -q parser)); [ ${#parsers[@]} = 2 ] || fail "expected 2 parser containers, have ${#parsers[@]}"
members=""
for _ in $(seq 1 60); do
  members="$(docker exec "$(dc ps -q kafka)" /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:19092 \
    --describe --group newsloom-parser 2>/dev/null | awk '$2 == "pages" {print $7}' | sort -u)"
  [ "$(grep -c . <<<"$members")" = 2 ] && break; sleep 2
done
[ "$(grep -c . <<<"$members")" = 2 ] || fail "the parser group has $(grep -c . <<<"$members") member(s) with partitions of pages"
say "partitions of pages are assigned to 2 parser instances"
urls="$(for i in $(seq 1 12); do for n in 1 2; do printf '"http://site%s:8000/p%s/seed-mirror.html",' "$i" "$n"; done; done)"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d "{\"urls\": [${urls%,}]}" "$API/api/v1/crawl")
[ "$code" = 202 ] || fail "second POST /crawl answered $code"
memory "while crawling"
declare -A parsed
for _ in $(seq 1 120); do
  total=0
  for c in "${parsers[@]}"; do
    parsed[$c]="$(docker exec "$c" curl -fsS localhost:8082/q/metrics 2>/dev/null \
      | awk '/^newsloom_parser_pages_total\{.*type="article"/ {s += $2} END {print s + 0}')"
    total=$(( total + ${parsed[$c]%.*} ))
  done
  [ "$total" -ge 25 ] && break; sleep 2
done
for c in "${parsers[@]}"; do
  [ "${parsed[$c]%.*}" -gt 0 ] || fail "parser ${c:0:12} parsed no page (counts: ${parsed[*]})"
done
say "both parsers parsed pages: ${parsed[*]} (25 pages in all)"
say "PASSED in $(( $(date +%s) - T0 )) s"
