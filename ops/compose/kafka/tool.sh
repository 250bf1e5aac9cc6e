#!/bin/sh
# Runs a Kafka command-line tool (main class first), logging warnings to stderr only.
main="$1"; shift
exec java -Xmx256m -Dlog4j2.configurationFile=/opt/kafka/tools-log4j2.properties -cp '/opt/kafka/libs/*' "$main" "$@"
