#!/usr/bin/env bash
# Two CityCard nodes behind HAProxy on one machine, as the production layout has them (README, "Running several
# nodes"): PostgreSQL and Redis shared, the sandbox as a process of its own standing in for the payment channels,
# the mini-program platforms and the SMS provider, two nodes, and HAProxy in front (sticky sessions for the portal,
# round robin for /api, health checks on readiness). Used by the two-node integration test and the soak benchmark.
#
#   deploy/two-nodes.sh start        # fresh database, then the sandbox, both nodes and HAProxy; waits until ready
#   deploy/two-nodes.sh stop         # stops everything it started
#   deploy/two-nodes.sh kill-node 2  # kill -9 node 2 (what a crash looks like)
#   deploy/two-nodes.sh start-node 2 # starts node 2 again
#   deploy/two-nodes.sh status
#
# Settings (environment): JAR (app/target/app-0.1.0-SNAPSHOT.jar), DIR (target/two-nodes), LB_PORT (8180),
# NODE1_PORT (8181), NODE2_PORT (8182), SANDBOX_HTTPS_PORT (9443), SANDBOX_HTTP_PORT (9080), DATABASE
# (citycard_two_nodes), REDIS_DATABASE (5), NODE_HEAP (768m). Needs java 21+, haproxy, psql and redis-cli.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
DIR=${DIR:-target/two-nodes}
LB_PORT=${LB_PORT:-8180}
NODE1_PORT=${NODE1_PORT:-8181}
NODE2_PORT=${NODE2_PORT:-8182}
SANDBOX_HTTPS_PORT=${SANDBOX_HTTPS_PORT:-9443}
SANDBOX_HTTP_PORT=${SANDBOX_HTTP_PORT:-9080}
DATABASE=${DATABASE:-citycard_two_nodes}
REDIS_DATABASE=${REDIS_DATABASE:-5}
NODE_HEAP=${NODE_HEAP:-768m}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# HAProxy reaches the nodes from this address, the one proxy the nodes believe X-Forwarded-* from
PROXY_SOURCE=127.0.0.2

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
node_port() { if [ "$1" = 1 ]; then echo "$NODE1_PORT"; else echo "$NODE2_PORT"; fi; }
wait_for() { # url seconds
  for _ in $(seq 1 "$2"); do
    if curl -sf -o /dev/null "$1"; then return 0; fi
    sleep 1
  done
  echo "not ready after $2 s: $1" >&2; return 1
}
stop_pid() {
  local file=$1
  if [ -f "$file" ]; then
    kill "$(cat "$file")" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$(cat "$file")" 2>/dev/null || break; sleep 1; done
    kill -9 "$(cat "$file")" 2>/dev/null || true
    rm -f "$file"
  fi
}

fresh_database() {
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DATABASE with (force)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "create database $DATABASE" >/dev/null
  redis-cli -h 127.0.0.1 -n "$REDIS_DATABASE" flushdb >/dev/null
}

secrets() {
  # keys and secrets come from configuration (the environment), the same for every node, never a shared folder
  if [ ! -f "$DIR/secrets.env" ]; then
    (umask 077; "$JAVA" -cp "$JAR" -Dloader.main=org.citycard.app.NewSecrets \
      org.springframework.boot.loader.launch.PropertiesLauncher > "$DIR/secrets.env")
  fi
}

start_sandbox() {
  stop_pid "$DIR/sandbox.pid"
  rm -f "$DIR/sandbox/node.properties"
  nohup "$JAVA" -Xmx256m -cp "$JAR" -Dloader.main=org.citycard.sandbox.SandboxServer \
    org.springframework.boot.loader.launch.PropertiesLauncher --dir="$DIR/sandbox" \
    --https-port="$SANDBOX_HTTPS_PORT" --http-port="$SANDBOX_HTTP_PORT" --platform="http://127.0.0.1:$LB_PORT" \
    > "$DIR/sandbox.log" 2>&1 &
  echo $! > "$DIR/sandbox.pid"
  for _ in $(seq 1 60); do [ -f "$DIR/sandbox/node.properties" ] && return 0; sleep 1; done
  echo "the sandbox did not start; see $DIR/sandbox.log" >&2; return 1
}

start_node() {
  local n=$1 port
  port=$(node_port "$n")
  stop_pid "$DIR/node$n.pid"
  mkdir -p "$DIR/node$n"
  (
    set -a
    # shellcheck disable=SC1091
    . "$DIR/secrets.env"
    set +a
    export SPRING_PROFILES_ACTIVE=prod
    export SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$port
    export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DATABASE
    export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
    export SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 SPRING_DATA_REDIS_DATABASE=$REDIS_DATABASE
    export CITYCARD_DATA_DIR=$DIR/node$n
    export CITYCARD_IDENTITY_ISSUER=http://127.0.0.1:$LB_PORT
    export CITYCARD_PAYMENT_NOTIFY_BASE_URL=http://127.0.0.1:$LB_PORT
    export CITYCARD_HTTP_TRUSTED_PROXIES=$PROXY_SOURCE
    # the rehearsal's people and terminal (production gives bcrypt hashes); the demo catalog to work on
    export CITYCARD_CATALOG_DEMO_DATA=true
    export CITYCARD_ADMIN_ACCOUNTS_0_USERNAME=publisher CITYCARD_ADMIN_ACCOUNTS_0_PASSWORD='{noop}publisher-two-nodes'
    export CITYCARD_ADMIN_ACCOUNTS_0_ROLES=CATALOG_EDITOR,CATALOG_PUBLISHER
    export CITYCARD_ADMIN_ACCOUNTS_1_USERNAME=editor CITYCARD_ADMIN_ACCOUNTS_1_PASSWORD='{noop}editor-two-nodes'
    export CITYCARD_ADMIN_ACCOUNTS_1_ROLES=CATALOG_EDITOR
    export CITYCARD_ADMIN_ACCOUNTS_2_USERNAME=scraper CITYCARD_ADMIN_ACCOUNTS_2_PASSWORD='{noop}scraper-two-nodes'
    export CITYCARD_ADMIN_ACCOUNTS_2_ROLES=MONITORING
    export CITYCARD_IDENTITY_TERMINALS_0_CLIENT_ID=terminal-two-nodes
    export CITYCARD_IDENTITY_TERMINALS_0_CLIENT_SECRET='{noop}terminal-two-nodes-secret'
    # jobs come round often, so that the test sees them run (each once, under its lock)
    export CITYCARD_PAYMENT_JANITOR_INTERVAL=PT2S CITYCARD_PAYMENT_JANITOR_INITIAL_DELAY=PT5S
    export CITYCARD_PAYMENT_JANITOR_LOCK_AT_LEAST=PT1.5S
    # code uses a killed node had read and not written are taken over after 5 s (production: 30 s)
    export CITYCARD_CARD_CODE_USES_CLAIM_AFTER=PT5S
    export CITYCARD_BILLS_RETRY_EVERY=PT2S CITYCARD_BILLS_RETRY_LOCK_AT_LEAST=PT1.5S
    export CITYCARD_PARKING_DECIDE_EVERY=PT2S CITYCARD_PARKING_DECIDE_LOCK_AT_LEAST=PT1.5S
    export CITYCARD_PARKING_DECIDE_INITIAL_DELAY=PT5S
    export CITYCARD_VACCINATION_EXPIRE_EVERY=PT2S CITYCARD_VACCINATION_EXPIRE_LOCK_AT_LEAST=PT1.5S
    export CITYCARD_VACCINATION_EXPIRE_INITIAL_DELAY=PT5S
    exec nohup "$JAVA" -Xmx"$NODE_HEAP" -XX:+UseG1GC -jar "$JAR" \
      --spring.config.import="optional:file:$DIR/sandbox/node.properties" ${NODE_ARGS:-} > "$DIR/node$n.log" 2>&1
  ) &
  echo $! > "$DIR/node$n.pid"
}

wait_node() {
  wait_for "http://127.0.0.1:$(node_port "$1")/actuator/health/readiness" 180 \
    || { echo "node $1 did not become ready; see $DIR/node$1.log" >&2; return 1; }
}

start_haproxy() {
  stop_pid "$DIR/haproxy.pid"
  cat > "$DIR/haproxy.cfg" <<CFG
global
    maxconn 4000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    # a request that could not reach a node goes to the other one
    retries 2
    option redispatch
    retry-on conn-failure

frontend citycard
    bind 127.0.0.1:$LB_PORT
    option forwardfor
    http-request set-header X-Forwarded-Proto http
    acl api path_beg /api/
    use_backend api if api
    default_backend portal

# the portal (Vaadin keeps each page's state on its node) and the identity provider: a visitor stays on one node
backend portal
    balance roundrobin
    cookie CITYCARD_NODE insert indirect nocache httponly
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2 source $PROXY_SOURCE
    server node1 127.0.0.1:$NODE1_PORT cookie node1
    server node2 127.0.0.1:$NODE2_PORT cookie node2

# the mini-program and terminal APIs and the channels' notifications: any node, in turn
backend api
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2 source $PROXY_SOURCE
    server node1 127.0.0.1:$NODE1_PORT
    server node2 127.0.0.1:$NODE2_PORT
CFG
  haproxy -c -q -f "$DIR/haproxy.cfg"
  haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
}

case "${1:-}" in
  start)
    [ -f "$JAR" ] || { echo "no $JAR: build it first (./mvnw -DskipTests package)" >&2; exit 1; }
    for tool in haproxy psql redis-cli curl; do
      command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
    done
    port_open 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
    port_open 6379 || { echo "Redis is not running on 127.0.0.1:6379" >&2; exit 1; }
    "$0" stop >/dev/null 2>&1 || true
    fresh_database
    secrets
    start_sandbox
    # node 1 first: it migrates the database and loads the demo catalog, then node 2 joins
    start_node 1
    wait_node 1
    start_node 2
    wait_node 2
    start_haproxy
    wait_for "http://127.0.0.1:$LB_PORT/actuator/health/readiness" 30
    echo "two nodes ready behind http://127.0.0.1:$LB_PORT (sandbox $(grep '^citycard.sandbox.url=' "$DIR/sandbox/node.properties" | cut -d= -f2))"
    ;;
  stop)
    stop_pid "$DIR/haproxy.pid"
    stop_pid "$DIR/node1.pid"
    stop_pid "$DIR/node2.pid"
    stop_pid "$DIR/sandbox.pid"
    ;;
  kill-node)
    kill -9 "$(cat "$DIR/node$2.pid")"
    rm -f "$DIR/node$2.pid"
    ;;
  start-node)
    start_node "$2"
    wait_node "$2"
    ;;
  status)
    for name in sandbox node1 node2 haproxy; do
      if [ -f "$DIR/$name.pid" ] && kill -0 "$(cat "$DIR/$name.pid")" 2>/dev/null; then echo "$name: running"; else echo "$name: stopped"; fi
    done
    ;;
  *)
    sed -n '2,16p' "$0"; exit 2
    ;;
esac
