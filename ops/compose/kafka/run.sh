#!/bin/bash
# Turns the KAFKA_* environment into server.properties as apache/kafka does (KAFKA_NODE_ID -> node.id), formats the
# log directory once with CLUSTER_ID, and runs the broker in the foreground.
set -euo pipefail
props=/opt/kafka/server.properties
: > "$props"
while IFS='=' read -r name value; do
  case "$name" in
    KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_LOG4J_OPTS) continue ;;
    KAFKA_*) key="${name#KAFKA_}"; key="${key,,}"; key="${key//___/-}"; key="${key//__/@}"; key="${key//_/.}"
             echo "${key//@/_}=$value" >> "$props" ;;
  esac
done < <(env)
grep -q '^log.dirs=' "$props" || echo "log.dirs=/var/lib/kafka/data" >> "$props"
dir="$(sed -n 's/^log.dirs=//p' "$props" | cut -d, -f1)"
mkdir -p "$dir"
if [ ! -f "$dir/meta.properties" ]; then
  java -Dlog4j2.configurationFile=/opt/kafka/tools-log4j2.properties -cp '/opt/kafka/libs/*' kafka.tools.StorageTool \
    format -t "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" -c "$props" --ignore-formatted >/dev/null
fi
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -cp '/opt/kafka/libs/*' kafka.Kafka "$props"
