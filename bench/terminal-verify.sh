#!/usr/bin/env bash
# Online terminal verification under load: POST /api/terminal/v1/codes/verify with fresh, valid codes.
#
# Needs a running platform on its default profile (sandboxes and demo terminal on), curl, jq and wrk:
#   ./mvnw -pl app -am spring-boot:run            (in another terminal)
#   bench/terminal-verify.sh [base-url] [codes] [connections] [wrk threads]
#
# Prepares a citizen through the public APIs (WeChat sandbox sign-in, real-name with the code from the SMS
# sandbox, card), fetches N one-time codes, takes a terminal token, then lets wrk verify each code once.
# Codes live 60 s (90 s with the allowed clock skew): they are fetched just before a 10 s run, and N should
# exceed what the server verifies in 10 s (the summary counts refusals; after the codes run out they are replays).
set -euo pipefail
BASE=${1:-http://localhost:8080}
CODES=${2:-30000}
CONNECTIONS=${3:-32}
THREADS=${4:-1}
DATA=${CITYCARD_DATA_DIR:-./data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=real-name-citizen.sh
. "$(dirname "$0")/real-name-citizen.sh"
json "${auth[@]}" -X POST "$BASE/api/mp/v1/card" >/dev/null

secret=$(grep '^secret=' "$DATA/demo-terminal.properties" | cut -d= -f2)
terminal=$(curl -sf -u "demo-terminal:$secret" -d 'grant_type=client_credentials&scope=terminal.verify' \
  "$BASE/oauth2/token" | jq -r .access_token)

echo "fetching $CODES codes..."
start=$(date +%s)
# one curl process, keep-alive connections, 16 in parallel: thousands of codes a second
for _ in $(seq "$CODES"); do echo "url = \"$BASE/api/mp/v1/card/codes/ride\""; done > "$WORK/urls.cfg"
curl -sf --no-progress-meter -Z --parallel-max 16 "${auth[@]}" -K "$WORK/urls.cfg" | jq -r .code > "$WORK/codes.txt"
echo "$(wc -l < "$WORK/codes.txt") codes ready in $(( $(date +%s) - start )) s"

cat > "$WORK/verify.lua" <<LUA
local codes = {}
for line in io.lines("$WORK/codes.txt") do codes[#codes + 1] = line end
local counter = 0
rejected = 0
expired = 0
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
  counter = counter + $THREADS
  local code = codes[(counter % #codes) + 1]
  return wrk.format(nil, "/api/terminal/v1/codes/verify", nil, '{"code":"' .. code .. '","place":"bench"}')
end
function response(status, headers, body)
  if status ~= 200 then
    rejected = rejected + 1
    if string.find(body, "code.expired", 1, true) then expired = expired + 1 end
    if sample == nil then sample = status .. " " .. string.sub(body, 1, 160) end
  end
end
function done(summary, latency, requests)
  local total, old = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("rejected")
    old = old + t:get("expired")
  end
  for _, t in ipairs(threads) do
    if t:get("sample") ~= nil then io.write("first refusal: " .. t:get("sample") .. "\n") break end
  end
  io.write(string.format("refused: %d (of which expired: %d; the rest replays after the codes ran out)\n", total, old))
end
LUA
wrk -t "$THREADS" -c "$CONNECTIONS" -d 10s --latency -s "$WORK/verify.lua" "$BASE"
