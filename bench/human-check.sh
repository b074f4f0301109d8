#!/usr/bin/env bash
# How long the portal's human check (SHA-256 proof of work in the browser, SmsCodeButton) takes in headless
# Chromium at 14, 16 (the default) and 18 leading zero bits: 20 rounds each, median, 90th percentile and slowest.
# Usage: bench/human-check.sh. Needs: chromium and python3. crypto.subtle needs a secure context: localhost is one.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m http.server 18777 --bind 127.0.0.1 > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --virtual-time-budget=100000 --dump-dom http://localhost:18777/human-check.html 2>/dev/null \
  | sed -n 's/.*<pre id="out">//; s/<\/pre>.*//; /^1[468] bits/p'
