#!/usr/bin/env bash
# Builds, without any image registry, stand-ins for the images docker-compose.yml names:
#   newsloom-local/java17:1       Debian bookworm + OpenJDK 17 (JDK, so it serves as BUILD_IMAGE and JAVA_IMAGE)
#   newsloom-local/kafka:4.4.0    Kafka 4.4.0 from the Maven Central jars, configured by the KAFKA_* variables the
#                                 official apache/kafka image reads, with its /opt/kafka/bin tools
#   newsloom-local/postgres:15    Debian's PostgreSQL 15, configured by POSTGRES_DB/USER/PASSWORD as the official
#                                 postgres image is
# An image that exists is kept (the Docker data root is outside the repository), so later runs take seconds.
# Needs: a running dockerd, debootstrap, and the Kafka jars (./newsloom fetches them).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="${NEWSLOOM_IMAGE_WORK:-/var/tmp/newsloom-images}"
KAFKA_LIB="${1:?usage: local-images.sh KAFKA_LIB_DIR}"
JAVA_IMAGE=newsloom-local/java17:1 KAFKA_IMAGE=newsloom-local/kafka:4.4.0 POSTGRES_IMAGE=newsloom-local/postgres:15
say() { echo "local-images: $*" >&2; }
have() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have "$JAVA_IMAGE"; then
  say "building $JAVA_IMAGE with debootstrap (a few minutes, once)"
  rootfs="$WORK/rootfs"
  rm -rf "$rootfs"; mkdir -p "$WORK"
  debootstrap --variant=minbase --include=openjdk-17-jdk-headless,curl,ca-certificates,procps \
    bookworm "$rootfs" > "$WORK/debootstrap.log" 2>&1 || { tail -n 30 "$WORK/debootstrap.log" >&2; exit 1; }
  # Trust the certificate authorities this machine trusts (a sandbox may reach Maven Central through its own CA),
  # so that builds inside containers can fetch dependencies. Such an image is for this machine only.
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    mount -t proc proc "$rootfs/proc"
    chroot "$rootfs" update-ca-certificates >/dev/null 2>&1 || { umount "$rootfs/proc"; exit 1; }
    umount "$rootfs/proc"
  fi
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
  tar -C "$rootfs" --numeric-owner -cf - . | docker import \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "$JAVA_IMAGE" >/dev/null
  rm -rf "$rootfs"
fi

if ! have "$KAFKA_IMAGE"; then
  say "building $KAFKA_IMAGE"
  ctx="$WORK/kafka"; rm -rf "$ctx"; mkdir -p "$ctx"
  cp -r "$HERE/kafka/." "$ctx/"
  cp "$HERE/../kafka/log4j2.properties" "$ctx/log4j2.properties"          # the local broker's logging, reused
  cp "$HERE/../kafka/log4j2-tools.properties" "$ctx/tools-log4j2.properties"
  mkdir -p "$ctx/libs"; cp "$KAFKA_LIB"/*.jar "$ctx/libs/"
  docker build -q --build-arg BASE="$JAVA_IMAGE" -t "$KAFKA_IMAGE" "$ctx" >/dev/null
fi

if ! have "$POSTGRES_IMAGE"; then
  say "building $POSTGRES_IMAGE"
  docker build -q --build-arg BASE="$JAVA_IMAGE" -t "$POSTGRES_IMAGE" "$HERE/postgres" >/dev/null
fi
say "images ready: $JAVA_IMAGE $KAFKA_IMAGE $POSTGRES_IMAGE"
