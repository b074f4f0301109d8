# Sourced by the wrk benchmarks: a real-name citizen through the public APIs, as a mini-program makes one (WeChat
# sandbox sign-in, the SMS code read from the sandbox's /sms/messages, real-name). Needs BASE and DATA (the node's
# data folder, where sandbox/node.properties names the sandbox); sets token and auth (curl's header arguments).
json() { curl -sf -H 'Content-Type: application/json' "$@"; }
phone="139$(printf '%08d' $((RANDOM * RANDOM % 100000000)))"
first17="420202198$((RANDOM % 10))0101$(printf '%03d' $((RANDOM % 1000)))"
weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2); checks=(1 0 X 9 8 7 6 5 4 3 2); sum=0
for i in $(seq 0 16); do sum=$((sum + ${first17:$i:1} * ${weights[$i]})); done
id_number="$first17${checks[$((sum % 11))]}"

token=$(json -X POST "$BASE/api/mp/v1/auth/wechat" -d "{\"code\":\"bench$RANDOM.$RANDOM\"}" | jq -r .accessToken)
auth=(-H "Authorization: Bearer $token")
json "${auth[@]}" -X POST "$BASE/api/mp/v1/me/real-name/sms-code" -d "{\"phone\":\"$phone\"}" >/dev/null
sandbox=$(grep '^citycard.sandbox.url=' "$DATA/sandbox/node.properties" | cut -d= -f2)
sms=$(curl -sf "$sandbox/sms/messages?phone=$phone" | jq -r '.[0].text' | grep -o '[0-9]\{6\}' | head -1)
json "${auth[@]}" -X POST "$BASE/api/mp/v1/me/real-name" \
  -d "{\"name\":\"压测\",\"idNumber\":\"$id_number\",\"phone\":\"$phone\",\"smsCode\":\"$sms\"}" >/dev/null
