#!/usr/bin/env bash
# "Near me" through HTTP: GET /api/mp/v1/parking/lots?lat=…&lng=…&radius=3000&limit=20 from random places around
# 黄石广场, with N lots spread over a 30 km square, against the packaged platform on PostgreSQL.
#
#   bench/parking-nearby.sh [lots] [seconds] [connections]
#
# Starts the packaged jar (app/target/app-0.1.0-SNAPSHOT.jar) on port 18090 with the postgres profile in a throw-away
# schema of the local database `test`, adds the lots with psql (an operator of their own; the platform reads new
# lots within 2 s), lets wrk ask for the given time after a 5 s warm-up, prints the latency distribution, then stops
# the platform and drops the schema. Needs PostgreSQL at 127.0.0.1:5432, Redis at 127.0.0.1:6379, psql and wrk.
set -euo pipefail
LOTS=${1:-2000}
SECONDS_=${2:-20}
CONNECTIONS=${3:-16}
PORT=18090
JAR=${JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
SCHEMA=bench_nearby_$$
WORK=$(mktemp -d)
PSQL=(psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -q)
cleanup() {
  [ -f "$WORK/pid" ] && kill "$(cat "$WORK/pid")" 2>/dev/null || true
  sleep 2
  "${PSQL[@]}" -c "set client_min_messages = warning; drop schema if exists $SCHEMA cascade" > /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"${PSQL[@]}" -c "create schema $SCHEMA"
SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
  CITYCARD_DATA_DIR="$WORK/data" nohup "$JAVA" -Xmx1g -jar "$JAR" --server.port=$PORT > "$WORK/platform.log" 2>&1 &
echo $! > "$WORK/pid"
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null || { tail -40 "$WORK/platform.log"; exit 1; }

rule=$("${PSQL[@]}" -At -c "select fee_rule from $SCHEMA.parking_lot limit 1")
"${PSQL[@]}" <<SQL
set search_path = $SCHEMA;
insert into parking_operator (id, name, enabled, changed_at) values ('bench-op', 'Bench', true, now());
insert into parking_lot (id, operator_id, name, kind, address, lat, lng, capacity, reserved, opens_at, closes_at,
                         fee_rule, exit_without_entry, occupied, changed_at)
select 'bench-' || g, 'bench-op', 'Lot ' || g, 'OFF_STREET', 'Road ' || g,
       30.2006 + (random() - 0.5) * 0.27, 115.0389 + (random() - 0.5) * 0.31, 100 + (g % 900), 0,
       '00:00', '00:00', '$rule', 'FIRST_PERIOD', (g % 100), now()
from generate_series(1, $LOTS) g;
SQL
sleep 3
echo "$("${PSQL[@]}" -At -c "select count(*) from $SCHEMA.parking_lot") lots; asking for ${SECONDS_} s with $CONNECTIONS connections"

cat > "$WORK/nearby.lua" <<'LUA'
math.randomseed(os.time())
failed = 0
request = function()
  local lat = 30.2006 + (math.random() - 0.5) * 0.27
  local lng = 115.0389 + (math.random() - 0.5) * 0.31
  return wrk.format("GET", string.format("/api/mp/v1/parking/lots?lat=%.6f&lng=%.6f&radius=3000&limit=20", lat, lng))
end
function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  io.write(string.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; not 200: %d\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, f))
end
LUA
wrk -t 1 -c "$CONNECTIONS" -d 5s -s "$WORK/nearby.lua" "http://127.0.0.1:$PORT" > /dev/null
wrk -t 1 -c "$CONNECTIONS" -d "${SECONDS_}s" --latency -s "$WORK/nearby.lua" "http://127.0.0.1:$PORT"
