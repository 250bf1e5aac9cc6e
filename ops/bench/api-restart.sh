#!/usr/bin/env bash
# Restarts only the api of the stack of `./newsloom up` from another build, for before/after runs of
# `./newsloom bench-api` on the same stack and data:
#   cp -r api/target/quarkus-app /tmp/api-before     # on the old commit, after ./mvnw -pl api -am package
#   ops/bench/api-restart.sh /tmp/api-before && ./newsloom bench-api
# Same settings as `./newsloom`: NEWSLOOM_HOME, NEWSLOOM_KAFKA_PORT, NEWSLOOM_PG_PORT, NEWSLOOM_HTTP_PORT_BASE,
# NEWSLOOM_JAVA_OPTS. The pid goes where `./newsloom` keeps it, so bench-api measures this process and `down` stops it.
set -euo pipefail
APP="${1:?usage: api-restart.sh QUARKUS_APP_DIR (a copy of api/target/quarkus-app)}"
HOME_DIR="${NEWSLOOM_HOME:-/tmp/newsloom}" PORT="${NEWSLOOM_HTTP_PORT_BASE:-8080}"
RUN="$HOME_DIR/run" LOGS="$HOME_DIR/logs"
if [ -f "$RUN/api.pid" ] && kill -0 "$(cat "$RUN/api.pid")" 2>/dev/null; then
  pid="$(cat "$RUN/api.pid")"; kill "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
fi
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${NEWSLOOM_KAFKA_PORT:-19092}"
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:${NEWSLOOM_PG_PORT:-55432}/newsloom"
export QUARKUS_DATASOURCE_USERNAME=newsloom QUARKUS_DATASOURCE_PASSWORD=newsloom
QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST="${QUARKUS_HTTP_HOST:-127.0.0.1}" \
  setsid nohup java ${NEWSLOOM_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:NewRatio=1 -XX:SurvivorRatio=3 -XX:MaxNewSize=96m} -jar "$APP/quarkus-run.jar" > "$LOGS/api.log" 2>&1 < /dev/null &
echo $! > "$RUN/api.pid"
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null \
    && { echo "api ready (pid $(cat "$RUN/api.pid"), $APP)" >&2; exit 0; }
  sleep 0.5
done
tail -n 40 "$LOGS/api.log" >&2; echo "api not ready after 120 s" >&2; exit 1
