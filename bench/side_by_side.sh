#!/usr/bin/env bash
# The side-by-side of docs/performance.md in one command: Keyward's page sign-in and its complete OpenID Connect
# sign-in, then the peer (Keycloak 26.7.3 in production mode, fetched from Maven Central) with a driver of the same
# design, one server at a time on this machine, both on embedded H2, the same JDK, the same number of clients.
# Prints one table (sign-ins/s, p50/p95/p99, server CPU per sign-in) and appends the raw lines to --out.
#
#   bench/side_by_side.sh [--warmup 360] [--duration 60] [--conc 8] [--users 50]
#                         [--peer-driver ../shared/bench/keycloak-bench] [--out bench/figures/side-by-side.jsonl]
#
# Each server is warmed under load for --warmup seconds before its windows (a fresh JVM needs minutes: see
# "Warm-up" in docs/performance.md); the whole run takes about 2.5 × warm-up + 3 × duration + set-up (≈ 22 min
# with the defaults). Nothing else should run on the machine meanwhile. The peer's driver (Python, with its own passkey
# registration through Keycloak's forms) is the one in ../shared/bench/keycloak-bench; point --peer-driver at a copy.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WARMUP=360 DURATION=60 CONC=8 USERS=50
PEER_DRIVER="$ROOT/../shared/bench/keycloak-bench"
OUT="$ROOT/bench/figures/side-by-side-$(date -u +%Y-%m-%dT%H%M).jsonl"
PEER_VERSION=26.7.3
KW_PORT=18090 KC_PORT=18080
export KEYWARD_JAVA_HOME="${KEYWARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --conc) CONC="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --peer-driver) PEER_DRIVER="$(cd "$2" && pwd)"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: bench/side_by_side.sh [--warmup S] [--duration S] [--conc N] [--users N] [--peer-driver DIR] [--out FILE]" >&2; exit 2 ;;
  esac
done
say() { printf 'side-by-side: %s\n' "$*" >&2; }
(( USERS >= CONC )) || { say "--users must be at least --conc (each client signs in with its own passkeys)"; exit 2; }
[[ -x "$KEYWARD_JAVA_HOME/bin/java" ]] || { say "no JDK at $KEYWARD_JAVA_HOME (set KEYWARD_JAVA_HOME)"; exit 2; }
[[ -f "$PEER_DRIVER/loadgen.py" && -f "$PEER_DRIVER/setup.py" ]] || { say "the peer's driver is not in $PEER_DRIVER (--peer-driver)"; exit 2; }
for port in $KW_PORT $KC_PORT; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then say "port $port is in use: stop what runs there first"; exit 2; fi
done
WORK="$(mktemp -d /tmp/keyward-side-by-side.XXXXXX)"
mkdir -p "$(dirname "$OUT")"
SERVER_PID=""
stop_server() {
  local pid
  for pid in $SERVER_PID; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $SERVER_PID; do
    while kill -0 "$pid" 2>/dev/null; do sleep 1; done
  done
  SERVER_PID=""
}
trap stop_server EXIT
wait_for() { local url=$1 tries=0; until curl -sf -o /dev/null "$url"; do sleep 2; tries=$((tries + 1)); (( tries < 300 )) || { say "$url did not answer in 10 minutes"; exit 3; }; done; }

# --- Keyward ----------------------------------------------------------------------------------------------------
say "Keyward: start-dev on port $KW_PORT, data in $WORK/keyward (log $WORK/keyward.log)"
(cd "$ROOT" && exec ./keyward start-dev --port "$KW_PORT" --data "$WORK/keyward" > "$WORK/keyward.log" 2>&1 < /dev/null) &
SERVER_PID=$!
wait_for "http://127.0.0.1:$KW_PORT/signin"
(cd "$ROOT" && python3 bench/setup.py --bootstrap "$WORK/keyward/bootstrap.json" --users "$USERS" --oidc-client > "$WORK/keyward-setup.log")
# The complete flow's own code (authorize, token, RS256 signing) is not warmed by page sign-ins: it gets half the
# warm-up again before its window.
say "Keyward: warming up for $WARMUP s, then a ${DURATION}-s window of page sign-ins; $((WARMUP / 2)) s more, then one of complete OpenID Connect sign-ins"
export KW_PORT
(cd "$ROOT" && python3 bench/signin_bench.py closed --kw-pid "$SERVER_PID" --conc "$CONC" --points "$CONC" --warmup "$WARMUP" --duration "$DURATION" \
    --label "keyward page sign-in" --json "$OUT" > /dev/null)
(cd "$ROOT" && python3 bench/signin_bench.py closed --kw-pid "$SERVER_PID" --conc "$CONC" --points "$CONC" --warmup "$((WARMUP / 2))" --duration "$DURATION" --oidc \
    --label "keyward complete OIDC sign-in" --json "$OUT" > /dev/null)
stop_server

# --- the peer ---------------------------------------------------------------------------------------------------
PEER_HOME="$ROOT/bench/.peer/keycloak-$PEER_VERSION"
if [[ ! -x "$PEER_HOME/bin/kc.sh" ]]; then
  say "fetching Keycloak $PEER_VERSION from Maven Central into bench/.peer"
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$PEER_VERSION:zip" -DoutputDirectory="$ROOT/bench/.peer"
fi
say "Keycloak $PEER_VERSION: production mode on port $KC_PORT, H2 dev-file (log $WORK/keycloak.log)"
rm -rf "$PEER_HOME/data"
(cd "$PEER_HOME" && JAVA_HOME="$KEYWARD_JAVA_HOME" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    exec bin/kc.sh start --http-enabled=true --http-host 127.0.0.1 --http-port "$KC_PORT" --hostname-strict=false --db=dev-file \
    > "$WORK/keycloak.log" 2>&1 < /dev/null) &
SERVER_PID=$!
wait_for "http://127.0.0.1:$KC_PORT/realms/master"
# kc.sh starts the JVM as its child: measure and stop that JVM.
KC_JVM="$(pgrep -f -n "kc.home.dir=$PEER_HOME" || echo "$SERVER_PID")"
SERVER_PID="$SERVER_PID $KC_JVM"
python3 "$PEER_DRIVER/setup.py" --users "$USERS" --out "$WORK/keycloak-passkeys.json" > "$WORK/keycloak-setup.log"
say "Keycloak: warming up for $WARMUP s, then a ${DURATION}-s window: page, assertion, code, token"
python3 "$PEER_DRIVER/loadgen.py" --creds "$WORK/keycloak-passkeys.json" --kc-pid "$KC_JVM" --conc "$CONC" --procs 2 \
    --warmup "$WARMUP" --duration "$DURATION" --json "$WORK/keycloak.jsonl" > /dev/null
python3 - "$WORK/keycloak.jsonl" "$OUT" <<'EOF'
import json, sys
with open(sys.argv[2], "a") as out:
    for line in open(sys.argv[1]):
        d = json.loads(line)
        d["label"] = "keycloak 26.7.3 page, assertion, code, token"
        out.write(json.dumps(d) + "\n")
EOF
stop_server

# --- the table ----------------------------------------------------------------------------------------------------
python3 - "$OUT" "$CONC" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])][-3:]
print(f"\n{sys.argv[2]} clients, one server at a time, raw lines in {sys.argv[1]}\n")
print("| server and flow | sign-ins/s | server CPU ms per sign-in | p50 / p95 / p99 ms | errors |")
print("|---|---:|---:|---|---|")
for d in rows:
    rate = d.get("sign_ins_per_s", d.get("logins_per_s"))
    cpu = d.get("cpu_ms_per_sign_in", d.get("kc_cpu_ms_per_login"))
    print(f"| {d['label']} | {rate} | {cpu} | {d['p50_ms']} / {d['p95_ms']} / {d['p99_ms']} | {d.get('errors') or 'none'} |")
EOF
say "done; working files in $WORK"
