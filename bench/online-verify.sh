#!/usr/bin/env bash
# Online code verification on H2 and on PostgreSQL + Redis, in one run on the same machine, so that the two figures
# can be compared (issue 11 asks for PostgreSQL + Redis at 60% of H2 or better).
#
#   ./mvnw -B -ntp install -DskipTests      # builds app/target/app-0.1.0-SNAPSHOT.jar
#   bench/online-verify.sh [codes] [connections] [rounds]
#
# For each profile (the embedded default, then `postgres` on a fresh database `citycard_bench` and Redis database 6)
# it starts the packaged jar with its own data folder, waits until it is ready, runs bench/terminal-verify.sh once
# to warm up and `rounds` times to measure, and stops it. Needs java 21+, curl, jq, wrk, psql and redis-cli.
# Settings (environment): JAR, PORT (8090), HEAP (2g).
set -euo pipefail
cd "$(dirname "$0")/.."
CODES=${1:-40000}
CONNECTIONS=${2:-32}
ROUNDS=${3:-2}
PORT=${PORT:-8090}
HEAP=${HEAP:-2g}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d)
# a copy of the jar: a build running meanwhile cannot change what is measured
cp "${JAR:-app/target/app-0.1.0-SNAPSHOT.jar}" "$WORK/app.jar"
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$WORK"' EXIT

run_profile() { # profile
  local profile=$1 data="$WORK/data-$1"
  mkdir -p "$data"
  local args=(--server.port="$PORT")
  if [ "$profile" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists citycard_bench with (force)" >/dev/null
    psql -h 127.0.0.1 -U postgres -qc "create database citycard_bench" >/dev/null
    redis-cli -h 127.0.0.1 -n 6 flushdb >/dev/null
    args+=(--spring.profiles.active=postgres)
    export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/citycard_bench SPRING_DATA_REDIS_DATABASE=6
  fi
  CITYCARD_DATA_DIR="$data" "$JAVA" -Xmx"$HEAP" -jar "$WORK/app.jar" "${args[@]}" > "$WORK/$profile.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "http://localhost:$PORT/actuator/health/readiness" && break
    kill -0 "$pid" 2>/dev/null || { echo "the $profile node died; its log:" >&2; tail -40 "$WORK/$profile.log" >&2; exit 1; }
    sleep 1
  done
  echo "== $profile: warm-up"
  CITYCARD_DATA_DIR="$data" bench/terminal-verify.sh "http://localhost:$PORT" "$CODES" "$CONNECTIONS" | tail -4
  for round in $(seq 1 "$ROUNDS"); do
    echo "== $profile: round $round"
    CITYCARD_DATA_DIR="$data" bench/terminal-verify.sh "http://localhost:$PORT" "$CODES" "$CONNECTIONS" \
      | grep -E 'codes ready|requests in|Latency  |Requests/sec|refused|50%|90%|99%'
  done
  if [ "$profile" = postgres ]; then
    sleep 2 # uses are written in batches: let the last one land
    echo "uses written: $(psql -h 127.0.0.1 -U postgres -d citycard_bench -tAc 'select count(*) from card_code_use')"
  fi
  stop
  unset SPRING_DATASOURCE_URL SPRING_DATA_REDIS_DATABASE
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%F)"
run_profile default
run_profile postgres
