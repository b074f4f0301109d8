#!/usr/bin/env bash
# Bill queries through the connector: GET /api/mp/v1/bills/accounts/{id}, each asking the biller (the sandbox's
# water company, over the signed protocol: our signature, its signed answer verified) for what the account owes now.
#
#   java -jar app/target/app-0.1.0-SNAPSHOT.jar      (in another terminal; default profile: sandbox in-process)
#   bench/bill-queries.sh [base-url] [seconds] [connections]
#
# Prepares a real-name citizen through the public APIs (as bench/terminal-verify.sh does), binds one water account,
# then lets wrk ask for its statement for the given time and prints the latency distribution.
set -euo pipefail
BASE=${1:-http://localhost:8080}
SECONDS_=${2:-20}
CONNECTIONS=${3:-16}
DATA=${CITYCARD_DATA_DIR:-./data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

json() { curl -sf -H 'Content-Type: application/json' "$@"; }
phone="139$(printf '%08d' $((RANDOM * RANDOM % 100000000)))"
first17="420202198$((RANDOM % 10))0101$(printf '%03d' $((RANDOM % 1000)))"
weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2); checks=(1 0 X 9 8 7 6 5 4 3 2); sum=0
for i in $(seq 0 16); do sum=$((sum + ${first17:$i:1} * ${weights[$i]})); done
id_number="$first17${checks[$((sum % 11))]}"

token=$(json -X POST "$BASE/api/mp/v1/auth/wechat" -d "{\"code\":\"bills$RANDOM.$RANDOM\"}" | jq -r .accessToken)
auth=(-H "Authorization: Bearer $token")
json "${auth[@]}" -X POST "$BASE/api/mp/v1/me/real-name/sms-code" -d "{\"phone\":\"$phone\"}" >/dev/null
sandbox=$(grep '^citycard.sandbox.url=' "$DATA/sandbox/node.properties" | cut -d= -f2)
sms=$(curl -sf "$sandbox/sms/messages?phone=$phone" | jq -r '.[0].text' | grep -o '[0-9]\{6\}' | head -1)
json "${auth[@]}" -X POST "$BASE/api/mp/v1/me/real-name" \
  -d "{\"name\":\"压测\",\"idNumber\":\"$id_number\",\"phone\":\"$phone\",\"smsCode\":\"$sms\"}" >/dev/null
account=$(json "${auth[@]}" -X POST "$BASE/api/mp/v1/bills/accounts" \
  -d "{\"billerId\":\"water\",\"accountNo\":\"33$(printf '%04d' $((RANDOM % 10000)))1234\",\"nickname\":\"压测\"}" | jq -r .id)
echo "querying account $account for ${SECONDS_} s with $CONNECTIONS connections"

cat > "$WORK/query.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
failed = 0
function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  io.write(string.format("p95 %.2f ms; not 200: %d\\n", latency:percentile(95) / 1000, f))
end
LUA
wrk -t 1 -c "$CONNECTIONS" -d "${SECONDS_}s" --latency -s "$WORK/query.lua" "$BASE/api/mp/v1/bills/accounts/$account"
