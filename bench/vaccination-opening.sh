#!/usr/bin/env bash
# A vaccination opening on PostgreSQL + Redis (issue 14): 5,000 places, 50,000 citizens each trying twice through
# the booking API with their own tokens, the bare conditional UPDATE measured on the same database in the same run,
# then the same opening again with Redis "restarted" mid-run, then certificate checks against a trivial endpoint.
#
#   ./mvnw -B -ntp install -DskipTests && ./mvnw -B -ntp -f bench/pom.xml package
#   bench/vaccination-opening.sh [citizens] [slots] [capacity] [concurrency]
#
# Starts the packaged jar on the `postgres` profile (a fresh database citycard_bench, Redis database 6) with the
# waiting room and slot gate in Redis, and with the per-source and per-citizen limits raised: every request here
# comes from 127.0.0.1, where a real opening's come from many addresses (the limits are measured by their own tests).
# The requests are sent by wrk (bench/vaccination-opening.lua, bench/paths.lua), with THREADS (2) threads.
# Needs java 21+, wrk, curl, psql and redis-cli. Settings (environment): JAR, PORT (8091), HEAP (2g), POOL (32),
# NODE_JAVA_OPTS (more options for the node's JVM, e.g. a flight recording), WARMUPS (2 openings before the measured).
set -euo pipefail
cd "$(dirname "$0")/.."
CITIZENS=${1:-50000}
SLOTS=${2:-50}
CAPACITY=${3:-100}
CONCURRENCY=${4:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-8091}
HEAP=${HEAP:-2g}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d)
cp "${JAR:-app/target/app-0.1.0-SNAPSHOT.jar}" "$WORK/app.jar"
TOOL=("$JAVA" -cp bench/target/benchmarks.jar -Dbench.jdbc=jdbc:postgresql://127.0.0.1:5432/citycard_bench
      org.citycard.health.VaccinationOpening)
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$WORK"' EXIT

psql -h 127.0.0.1 -U postgres -qc "drop database if exists citycard_bench with (force)" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "create database citycard_bench" >/dev/null
redis-cli -h 127.0.0.1 -n 6 flushdb >/dev/null
export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/citycard_bench SPRING_DATA_REDIS_DATABASE=6
export CITYCARD_VACCINATION_SHARED_STATE=redis CITYCARD_CARD_SHARED_STATE=redis
export CITYCARD_VACCINATION_PER_SOURCE_PER_MINUTE=0 CITYCARD_VACCINATION_HOLDS_PER_CITIZEN_PER_MINUTE=20
export CITYCARD_VACCINATION_CHECKS_PER_SOURCE_PER_MINUTE=0 CITYCARD_VACCINATION_EXPIRE_EVERY=PT1H
export SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=${POOL:-32}
CITYCARD_DATA_DIR="$WORK/data" "$JAVA" -Xmx"$HEAP" ${NODE_JAVA_OPTS:-} -jar "$WORK/app.jar" --server.port="$PORT" \
  --spring.profiles.active=postgres > "$WORK/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://localhost:$PORT/actuator/health/readiness" && break
  kill -0 "$pid" 2>/dev/null || { echo "the node died; its log:" >&2; tail -40 "$WORK/node.log" >&2; exit 1; }
  sleep 1
done

warm() { # the node's first requests are slower (classes loaded, code compiled): 20 s of the trivial endpoint first
  wrk -t"$THREADS" -c"$CONCURRENCY" -d20s "http://localhost:$PORT/actuator/health/liveness" >/dev/null
}
book() { # $1: answers before Redis restarts (0: never); wrk is interrupted once each of its threads is done
  rm -rf "$WORK/done" && mkdir "$WORK/done"
  wrk -t"$THREADS" -c"$CONCURRENCY" -d600s --timeout 30s -s bench/vaccination-opening.lua "http://localhost:$PORT" \
    -- "$WORK/citizens.txt" "$THREADS" "$1" 6 "$WORK/done" > "$WORK/wrk.out" &
  local w=$!
  while [ "$(find "$WORK/done" -type f | wc -l)" -lt "$THREADS" ] && kill -0 "$w" 2>/dev/null; do sleep 0.2; done
  kill -INT "$w" 2>/dev/null || true
  wait "$w" || true
  ended=$(date +%s)
  grep -E '^(booking|answers|answers per second|socket errors|redis):' "$WORK/wrk.out"
}
# the node forgets a token unused for a minute (RememberedTokens.IDLE): the citizens of a round come to the node as
# newcomers do, not while the sessions of the round before, ended seconds earlier, still fill its memory
rest() { while [ $(($(date +%s) - ended)) -le 61 ]; do sleep 1; done; }
ended=0
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%F)"
warm
# a node in service has booked before: openings of the same size first (not measured), so that the booking path is
# compiled. One was not enough: what runs once per place held (5,000 calls an opening) was still being compiled to its
# final tier through the first measured rush (a quarter of the node's CPU while places were left)
for warmup in $(seq 1 "${WARMUPS:-2}"); do
  echo "== warm-up opening $warmup (not measured)"
  "${TOOL[@]}" seed "$WORK/data" "http://localhost:$PORT" "$SLOTS" "$CAPACITY" "$CITIZENS" "$WORK/citizens.txt"
  book 0 > /dev/null
done
for round in plain redis-restart; do
  echo "== opening ($round)"
  "${TOOL[@]}" seed "$WORK/data" "http://localhost:$PORT" "$SLOTS" "$CAPACITY" "$CITIZENS" "$WORK/citizens.txt"
  rest
  # the bare UPDATE just before and just after the booking (the database's pace drifts over a run)
  "${TOOL[@]}" updates 32 10
  # Redis loses everything (its database flushed, every client dropped) in the second round, while places are left:
  # after a twentieth of the answers (the places go in the first tenth or so)
  redis_at=0
  [ "$round" = plain ] || redis_at=$((CITIZENS / 10))
  book "$redis_at"
  "${TOOL[@]}" check
  "${TOOL[@]}" updates 32 10
done
echo "== certificates"
"${TOOL[@]}" certificates "$WORK/data" 5000 "$WORK/certificates.txt"
echo -n "certificate checks: "
wrk -t"$THREADS" -c"$CONCURRENCY" -d15s -s bench/paths.lua "http://localhost:$PORT" -- "$WORK/certificates.txt" \
  '"genuine":true' | tail -1
echo "/actuator/health/liveness" > "$WORK/trivial.txt"
echo -n "trivial GET /actuator/health/liveness: "
wrk -t"$THREADS" -c"$CONCURRENCY" -d15s -s bench/paths.lua "http://localhost:$PORT" -- "$WORK/trivial.txt" '"UP"' | tail -1
echo "errors in the node's log: $(grep -c ' ERROR ' "$WORK/node.log" || true)"
# what they were: the logger, its message and the exception's class (the node logs nothing personal)
awk '/ ERROR /{sub(/^.* ERROR [0-9]+ --- \[[^]]*\] \[[^]]*\] /, ""); e=$0; next}
     e!=""{split($0, c, ":"); print e " (" c[1] ")"; e=""}' "$WORK/node.log" | cut -c1-200 | sort | uniq -c | sort -rn \
  | head -5 || true
grep -c ' WARN .*could not be asked' "$WORK/node.log" | sed 's/^/hold limit not asked (Redis away): /' || true
grep -c 'gate had lost count' "$WORK/node.log" | sed 's/^/slot gate set again from the database: /' || true
