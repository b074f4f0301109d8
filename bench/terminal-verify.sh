#!/usr/bin/env bash
# Online terminal verification under load: POST /api/terminal/v1/codes/verify with fresh, valid codes.
#
# Needs a running platform on its default profile (sandboxes and demo terminal on), curl, jq and wrk:
#   ./mvnw -pl app -am spring-boot:run            (in another terminal)
#   bench/terminal-verify.sh [base-url] [codes] [connections]
#
# Prepares a citizen through the public APIs (WeChat sandbox sign-in, real-name with the code from the SMS
# sandbox, card), fetches N one-time codes, takes a terminal token, then lets wrk verify each code once.
# Codes live 60 s, so the run lasts 20 s and N should exceed what the server can verify in that time.
set -euo pipefail
BASE=${1:-http://localhost:8080}
CODES=${2:-60000}
CONNECTIONS=${3:-32}
DATA=${CITYCARD_DATA_DIR:-./data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

json() { curl -sf -H 'Content-Type: application/json' "$@"; }
phone="139$(printf '%08d' $((RANDOM * RANDOM % 100000000)))"
first17="420202198$((RANDOM % 10))0101$(printf '%03d' $((RANDOM % 1000)))"
weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2); checks=(1 0 X 9 8 7 6 5 4 3 2); sum=0
for i in $(seq 0 16); do sum=$((sum + ${first17:$i:1} * ${weights[$i]})); done
id_number="$first17${checks[$((sum % 11))]}"

token=$(json -X POST "$BASE/api/mp/v1/auth/wechat" -d "{\"code\":\"bench$RANDOM.$RANDOM\"}" | jq -r .accessToken)
auth=(-H "Authorization: Bearer $token")
json "${auth[@]}" -X POST "$BASE/api/mp/v1/me/real-name/sms-code" -d "{\"phone\":\"$phone\"}" >/dev/null
sms=$(curl -sf "$BASE/sandbox/sms?phone=$phone" | jq -r '.[0].text' | grep -o '[0-9]\{6\}' | head -1)
json "${auth[@]}" -X POST "$BASE/api/mp/v1/me/real-name" \
  -d "{\"name\":\"压测\",\"idNumber\":\"$id_number\",\"phone\":\"$phone\",\"smsCode\":\"$sms\"}" >/dev/null
json "${auth[@]}" -X POST "$BASE/api/mp/v1/card" >/dev/null

secret=$(grep '^secret=' "$DATA/demo-terminal.properties" | cut -d= -f2)
terminal=$(curl -sf -u "demo-terminal:$secret" -d 'grant_type=client_credentials&scope=terminal.verify' \
  "$BASE/oauth2/token" | jq -r .access_token)

echo "fetching $CODES codes..."
seq "$CODES" | xargs -P 8 -I{} curl -sf "${auth[@]}" "$BASE/api/mp/v1/card/codes/ride" \
  | jq -r .code > "$WORK/codes.txt"
echo "$(wc -l < "$WORK/codes.txt") codes ready"

cat > "$WORK/verify.lua" <<LUA
local codes = {}
for line in io.lines("$WORK/codes.txt") do codes[#codes + 1] = line end
local counter = 0
local rejected = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread:set("id", thread_id)
  threads[#threads + 1] = thread
  thread_id = thread_id + 1
end
function init(args)
  counter = id
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $terminal"
function request()
  counter = counter + $CONNECTIONS
  local code = codes[(counter % #codes) + 1]
  return wrk.format(nil, "/api/terminal/v1/codes/verify", nil, '{"code":"' .. code .. '","place":"bench"}')
end
function response(status, headers, body)
  if status ~= 200 then rejected = rejected + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("rejected") end
  io.write(string.format("rejected (replayed after the codes ran out, or errors): %d\n", total))
end
LUA
wrk -t "$CONNECTIONS" -c "$CONNECTIONS" -d 20s --latency -s "$WORK/verify.lua" "$BASE"
