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

# shellcheck source=real-name-citizen.sh
. "$(dirname "$0")/real-name-citizen.sh"
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
