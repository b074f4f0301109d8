#!/usr/bin/env bash
# Oversized bodies: what three parallel 300 MB POSTs cost the platform (issue 10 saw them run a 1 GB heap out of
# memory). Starts the packaged application with -Xmx1g on its embedded defaults, then sends, three at a time,
# 300 MB to the Alipay notification endpoint with Content-Length and chunked, and to the JSON API; records each
# answer's status and time, and the process's resident memory (sampled every 100 ms) and heap before and after.
# Usage: bench/oversized-bodies.sh [MB, default 300]. Needs: the app jar (./mvnw -DskipTests package) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-300}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
port=18081
data=$(mktemp -d)
out=bench/results
mkdir -p "$out"
body="$data/body.bin"
head -c "$((mb * 1024 * 1024))" /dev/zero | tr '\0' 'a' > "$body"

"$java" -Xmx1g -jar app/target/app-0.1.0-SNAPSHOT.jar --server.port=$port --citycard.data-dir="$data" \
  --logging.level.root=WARN --logging.level.org.citycard=INFO --logging.level.org.springframework.boot=INFO \
  > "$out/oversized-app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
until grep -q "Demo catalog loaded" "$out/oversized-app.log"; do sleep 0.5; done
sleep 2
rss() { echo $(( $(ps -o rss= -p $pid) / 1024 )); }
heap() { "${java%/java}/jcmd" $pid GC.heap_info | head -n 2 | tr -s ' ' | tr '\n' ' '; }
"${java%/java}/jcmd" $pid GC.run > /dev/null
echo "before: rss $(rss) MB; $(heap)" | tee "$out/oversized.txt"

peak=0
( while kill -0 $pid 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$out/oversized-peak"; sleep 0.1; done ) &
sampler=$!

send() { # name, url, extra curl args...
  local name=$1 url=$2; shift 2
  for i in 1 2 3; do
    curl -s -o /dev/null -w "$name #$i: %{http_code} in %{time_total}s, %{size_upload} bytes sent\n" \
      -X POST -H "Expect:" --data-binary @"$body" "$@" "$url" &
  done
  wait
}
send "alipay notify, Content-Length" "http://127.0.0.1:$port/api/payment/v1/notify/alipay" \
  -H 'Content-Type: application/x-www-form-urlencoded' | tee -a "$out/oversized.txt"
send "alipay notify, chunked" "http://127.0.0.1:$port/api/payment/v1/notify/alipay" \
  -H 'Content-Type: application/x-www-form-urlencoded' -H 'Transfer-Encoding: chunked' | tee -a "$out/oversized.txt"
send "JSON API, chunked" "http://127.0.0.1:$port/api/mp/v1/auth/wechat" \
  -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' | tee -a "$out/oversized.txt"
kill $sampler 2>/dev/null || true
"${java%/java}/jcmd" $pid GC.run > /dev/null
echo "after: rss $(rss) MB (peak while sending $(cat "$out/oversized-peak" 2>/dev/null || echo '?') MB); $(heap)" \
  | tee -a "$out/oversized.txt"
echo "errors in the log: $(grep -c ' ERROR ' "$out/oversized-app.log" || true); OutOfMemoryError: $(grep -c OutOfMemoryError "$out/oversized-app.log" || true)" \
  | tee -a "$out/oversized.txt"
