#!/usr/bin/env bash
# Soak: mixed load through HAProxy on two nodes for a while (30 minutes by default), then the checks issue 11 asks
# for: heap after a full GC in the last 5 minutes within 10% of the first 5, no 5xx, every wallet equal to its
# ledger and to its paid top-ups, no top-up credited twice.
#
#   ./mvnw -B -ntp install -DskipTests
#   bench/soak.sh [minutes]
#
# It starts its own layout with deploy/two-nodes.sh (database citycard_soak, Redis database 7, balancer on 8280,
# nodes on 8281/8282, sandbox on 9543/9180) from a copy of the jar, and stops it at the end. The load, all through
# the balancer:
#   - catalog searches and reads: wrk, 4 connections, each pausing 5 ms between requests;
#   - mini-program sign-ins (WeChat code exchange, then /me): one client, one every 200 ms;
#   - top-ups: 8 real-name citizens in turn create an order, prepay with WeChat Pay, Alipay or UnionPay, and the
#     standalone sandbox approves it (one in ten declined) and notifies the balancer;
#   - ride codes fetched and verified by a terminal: one client, back to back.
# Every minute each node runs a full GC (jcmd GC.run) and its used heap is recorded. Needs java 21+ (with jcmd),
# haproxy, psql, redis-cli, curl, jq and wrk. Output: bench/results/soak-<time>/ (summary.txt, heap.csv, logs).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-30}
OUT=${OUT:-bench/results/soak-$(date -u +%Y%m%dT%H%M)}
export DIR=${DIR:-target/soak} DATABASE=citycard_soak REDIS_DATABASE=7 LB_PORT=8280 NODE1_PORT=8281 NODE2_PORT=8282
export SANDBOX_HTTPS_PORT=9543 SANDBOX_HTTP_PORT=9180
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
mkdir -p "$OUT" "$DIR"
OUT=$(cd "$OUT" && pwd)
cp "${JAR:-app/target/app-0.1.0-SNAPSHOT.jar}" "$DIR/app.jar"
export JAR=$DIR/app.jar
LB=http://127.0.0.1:$LB_PORT
STOP=$OUT/stop
rm -f "$STOP"

deploy/two-nodes.sh start
cleanup() { touch "$STOP"; sleep 1; deploy/two-nodes.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
SANDBOX=$(grep '^citycard.sandbox.url=' "$DIR/sandbox/node.properties" | cut -d= -f2)
PAYMENTS=http://127.0.0.1:$SANDBOX_HTTP_PORT/payments
[ "$(curl -s -o /dev/null -w '%{http_code}' "$PAYMENTS")" = 200 ] || PAYMENTS=$SANDBOX/payments

json() { curl -sk -H 'Content-Type: application/json' "$@"; }
status() { # prints the status; a refusal's body goes to refusals.txt
  local answer code
  answer=$(curl -sk -w '\n%{http_code}' "$@")
  code=${answer##*$'\n'}
  [ "$code" -lt 400 ] || echo "$code ${*: -1}: ${answer%$'\n'*}" | head -c 400 >> "$OUT/refusals.txt"
  echo "$code"
}
id_number() {
  local first17="420202198$((RANDOM % 10))0101$(printf '%03d' $((RANDOM % 1000)))" sum=0 i
  local weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) checks=(1 0 X 9 8 7 6 5 4 3 2)
  for i in $(seq 0 16); do sum=$((sum + ${first17:$i:1} * ${weights[$i]})); done
  echo "$first17${checks[$((sum % 11))]}"
}
sign_in() { # user -> access token
  json -X POST "$LB/api/mp/v1/auth/wechat" -d "{\"code\":\"$1.s$RANDOM$RANDOM\"}" | jq -r .accessToken
}
citizen() { # user: a real-name citizen with a card
  local token phone sms
  token=$(sign_in "$1")
  phone="139$(printf '%08d' $((RANDOM * RANDOM % 100000000)))"
  json -H "Authorization: Bearer $token" -X POST "$LB/api/mp/v1/me/real-name/sms-code" -d "{\"phone\":\"$phone\"}" >/dev/null
  sleep 0.5
  sms=$(curl -sk "$SANDBOX/sms/messages?phone=$phone" | jq -r '.[0].text' | grep -o '[0-9]\{6\}' | head -1)
  json -H "Authorization: Bearer $token" -X POST "$LB/api/mp/v1/me/real-name" \
    -d "{\"name\":\"浸泡\",\"idNumber\":\"$(id_number)\",\"phone\":\"$phone\",\"smsCode\":\"$sms\"}" >/dev/null
  json -H "Authorization: Bearer $token" -X POST "$LB/api/mp/v1/card" >/dev/null
}
terminal_token() {
  curl -sk -u terminal-two-nodes:terminal-two-nodes-secret -d 'grant_type=client_credentials&scope=terminal.verify' \
    "$LB/oauth2/token" | jq -r .access_token
}

echo "preparing citizens..."
run=$(date +%s)
for i in $(seq 1 8); do citizen "soak$run-$i"; done

# catalog: searches from bench/queries.lua plus service pages, categories and bundles
codes=$(curl -sk "$LB/api/mp/v1/catalog/services?size=50" | jq -r '.items[].code' | head -40 | sed 's/.*/"&"/' | paste -sd,)
cat > "$OUT/catalog.lua" <<LUA
$(sed -n '/^local queries/,/^}/p' bench/queries.lua)
local codes = { $codes }
local i = 0
server_errors = 0
function request()
  i = i + 1
  local r = i % 10
  if r < 6 then return wrk.format("GET", "/api/mp/v1/catalog/services?" .. queries[(i % #queries) + 1]) end
  if r < 9 and #codes > 0 then return wrk.format("GET", "/api/mp/v1/catalog/services/" .. codes[(i % #codes) + 1]) end
  if i % 20 == 9 then return wrk.format("GET", "/api/mp/v1/catalog/bundles") end
  return wrk.format("GET", "/api/mp/v1/catalog/categories")
end
function delay() return 5 end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local errors = 0
  for _, t in ipairs(threads) do errors = errors + t:get("server_errors") end
  io.write(string.format("server_errors %d\n", errors))
end
LUA

signins() {
  local n=0 token
  while [ ! -f "$STOP" ]; do
    n=$((n + 1))
    token=$(sign_in "soak$run-visitor$((n % 500))")
    if [ -z "$token" ] || [ "$token" = null ]; then echo 000; else status -H "Authorization: Bearer $token" "$LB/api/mp/v1/me"; fi
    sleep 0.2
  done > "$OUT/signins.codes"
}

topups() {
  local n=0 i token order channel pending answer
  local channels=(wechat_pay alipay unionpay)
  declare -A tokens
  while [ ! -f "$STOP" ]; do
    n=$((n + 1)); i=$((n % 8 + 1))
    token=${tokens[$i]:-}
    [ -n "$token" ] || { token=$(sign_in "soak$run-$i"); tokens[$i]=$token; }
    answer=$(curl -sk -w '\n%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
      -H "Idempotency-Key: soak-$run-$n" -X POST "$LB/api/mp/v1/orders" -d "{\"amountFen\":$((100 + RANDOM % 5000))}")
    code=${answer##*$'\n'}
    echo "$code"
    [ "$code" -lt 400 ] || echo "$code create: ${answer%$'\n'*}" | head -c 400 >> "$OUT/refusals.txt"
    if [ "$code" = 401 ]; then tokens[$i]=; continue; fi
    order=$(echo "${answer%$'\n'*}" | jq -r .orderNo 2>/dev/null || true)
    [ -n "$order" ] && [ "$order" != null ] || continue
    channel=${channels[$((n % 3))]}
    status -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -X POST \
      "$LB/api/mp/v1/orders/$order/pay" -d "{\"channel\":\"$channel\",\"scene\":\"web_qr\"}"
    pending=$(curl -sk "$PAYMENTS" | jq -r --arg o "$order" '.[] | select(.orderNo == $o) | .token' | head -1)
    [ -n "$pending" ] || continue
    if [ $((n % 10)) = 0 ]; then
      curl -sk -o /dev/null -X POST "$PAYMENTS/$pending/decline"
    else
      curl -sk -o /dev/null -X POST "$PAYMENTS/$pending/approve"
    fi
    sleep 0.3
  done > "$OUT/topups.codes"
}

verifications() {
  local token terminal code fetched n=0
  token=$(sign_in "soak$run-1"); terminal=$(terminal_token)
  while [ ! -f "$STOP" ]; do
    n=$((n + 1))
    fetched=$(curl -sk -w '\n%{http_code}' -H "Authorization: Bearer $token" "$LB/api/mp/v1/card/codes/ride")
    if [ "${fetched##*$'\n'}" != 200 ]; then
      # access tokens live 15 minutes: sign in again, as the mini-program does
      echo "${fetched##*$'\n'}"; token=$(sign_in "soak$run-1"); continue
    fi
    code=$(echo "${fetched%$'\n'*}" | jq -r .code)
    answer=$(curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $terminal" -X POST "$LB/api/terminal/v1/codes/verify" \
      -d "{\"code\":\"$code\",\"place\":\"soak\"}")
    echo "$answer"
    if [ "$answer" = 401 ]; then terminal=$(terminal_token); fi
  done > "$OUT/verify.codes"
}

heap() {
  echo "minute,node,used_kb_after_full_gc" > "$OUT/heap.csv"
  local minute=0 node pid used
  while [ ! -f "$STOP" ]; do
    for node in 1 2; do
      pid=$(cat "$DIR/node$node.pid")
      "$JCMD" "$pid" GC.run >/dev/null
      used=$("$JCMD" "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*')
      echo "$minute,$node,$used" >> "$OUT/heap.csv"
    done
    minute=$((minute + 1))
    for _ in $(seq 1 60); do [ -f "$STOP" ] && break; sleep 1; done
  done
}

echo "soaking for $MINUTES minutes from $(date -u +%FT%TZ)..."
heap & signins & topups & verifications &
wrk -t1 -c4 -d"${MINUTES}m" --timeout 10s -s "$OUT/catalog.lua" "$LB" > "$OUT/catalog.txt" 2>&1 || true
touch "$STOP"
wait
echo "load stopped; letting the last notifications arrive..."
sleep 20

sql() { psql -h 127.0.0.1 -U postgres -d "$DATABASE" -tAc "$1"; }
count5xx() { grep -c '^5' "$1" || true; }
{
  echo "soak: $MINUTES minutes, $(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "catalog (wrk): $(grep -E 'requests in' "$OUT/catalog.txt" | xargs); $(grep -E 'Requests/sec' "$OUT/catalog.txt" | xargs)"
  grep -E 'Non-2xx|Socket errors' "$OUT/catalog.txt" || true
  echo "catalog 5xx: $(awk '/server_errors/{print $NF}' "$OUT/catalog.txt")"
  for part in signins topups verify; do
    echo "$part: $(wc -l < "$OUT/$part.codes") requests, 5xx: $(count5xx "$OUT/$part.codes"), by status: $(sort "$OUT/$part.codes" | uniq -c | xargs)"
  done
  echo "top-up orders: $(sql "select state || ' ' || count(*) from payment_order where purpose_kind = 'WALLET_TOP_UP' group by state order by 1" | xargs)"
  echo "wallets whose balance differs from the sum of their ledger entries: $(sql "select count(*) from card_ledger_account a where a.kind = 'WALLET' and a.balance <> coalesce((select sum(e.amount) from card_ledger_entry e where e.account_id = a.id), 0)")"
  echo "wallets whose balance differs from their paid top-ups: $(sql "select count(*) from card_ledger_account a where a.kind = 'WALLET' and a.balance <> coalesce((select sum(o.amount) from payment_order o where 'wallet:' || o.citizen_id = a.id and o.state = 'PAID' and o.purpose_kind = 'WALLET_TOP_UP'), 0)")"
  echo "paid top-ups not credited: $(sql "select count(*) from payment_order o where o.state = 'PAID' and o.purpose_kind = 'WALLET_TOP_UP' and not exists (select 1 from card_ledger_journal j where j.idempotency_key = 'payment:' || o.order_no)")"
  echo "credits to wallets: $(sql "select count(*) from card_ledger_journal where idempotency_key like 'payment:%'") for $(sql "select count(*) from payment_order where state = 'PAID' and purpose_kind = 'WALLET_TOP_UP'") paid top-ups"
  echo "code uses written: $(sql "select count(*) from card_code_use where place = 'soak'") of $(grep -c '^200' "$OUT/verify.codes" || true) accepted"
  awk -F, -v m="$MINUTES" 'NR > 1 { if ($1 < 5) { first[$2] += $3; nf[$2]++ } if ($1 >= m - 5) { last[$2] += $3; nl[$2]++ } }
    END { for (n in first) if (nl[n] > 0) printf "node %s heap after full GC: first 5 min %.0f MB, last 5 min %.0f MB (%+.1f%%)\n",
      n, first[n] / nf[n] / 1024, last[n] / nl[n] / 1024, (last[n] / nl[n] - first[n] / nf[n]) * 100 / (first[n] / nf[n]) }' "$OUT/heap.csv"
} | tee "$OUT/summary.txt"
cp "$DIR"/node1.log "$DIR"/node2.log "$OUT"/ 2>/dev/null || true
echo "refusals (first 5 of $(wc -l < "$OUT/refusals.txt" 2>/dev/null || echo 0)):" | tee -a "$OUT/summary.txt"
head -5 "$OUT/refusals.txt" 2>/dev/null | tee -a "$OUT/summary.txt" || true
echo "node log lines at ERROR: $(cat "$OUT"/node*.log | grep -c ' ERROR ' || true)" | tee -a "$OUT/summary.txt"
