#!/usr/bin/env bash
# API throughput: GET /api/mp/v1/catalog/services (a search) against a trivial endpoint of the same running
# application (/actuator/health/liveness), both with wrk at 64 connections, in one run. Also records start-up
# time and heap after start. Usage: bench/api-throughput.sh [duration, default 30s]
# APP_ARGS adds application arguments (e.g. --spring.threads.virtual.enabled=false).
# Needs: the app jar built (./mvnw -DskipTests package) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30s}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
port=18080
data=$(mktemp -d)
out=bench/results
mkdir -p "$out"

"$java" -jar app/target/app-0.1.0-SNAPSHOT.jar --server.port=$port --citycard.data-dir="$data" \
  --logging.level.root=WARN --logging.level.org.citycard=INFO --logging.level.org.springframework.boot=INFO ${APP_ARGS:-} \
  > "$out/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
until grep -q "Demo catalog loaded" "$out/app.log"; do sleep 0.5; done
started=$(grep -o 'Started CityCardApplication in [0-9.]* seconds' "$out/app.log" | grep -o '[0-9.]*')
sleep 2
"${java%/java}/jcmd" $pid GC.run > /dev/null  # heap after start = live data, not garbage
heap=$("${java%/java}/jcmd" $pid GC.heap_info | head -n 2 | tr -s ' ' | tr '\n' ' ')
echo "start-up: ${started}s; heap after start: $heap" | tee "$out/startup.txt"

api="http://127.0.0.1:$port/api/mp/v1/catalog/services?q=shuifei&size=20"
trivial="http://127.0.0.1:$port/actuator/health/liveness"
wrk -t2 -c64 -d10s "$api" > /dev/null          # warm-up
wrk -t2 -c64 -d10s "$trivial" > /dev/null
echo "== catalog search ($api)" | tee "$out/wrk.txt"
wrk -t2 -c64 -d"$duration" --latency "$api" | tee -a "$out/wrk.txt"
echo "== catalog search, 40 mixed queries and filters (bench/queries.lua)" | tee -a "$out/wrk.txt"
wrk -t2 -c64 -d"$duration" --latency -s bench/queries.lua "http://127.0.0.1:$port" | tee -a "$out/wrk.txt"
echo "== trivial endpoint ($trivial)" | tee -a "$out/wrk.txt"
wrk -t2 -c64 -d"$duration" --latency "$trivial" | tee -a "$out/wrk.txt"
