#!/usr/bin/env bash
# Keyward's passkey sign-in on embedded H2 and on PostgreSQL in one run (docs/performance.md, "H2 and PostgreSQL in
# one run"): two Keywards of this checkout's build at the same time, `start-dev` on a fresh H2 data directory and
# `start` (production mode) on a fresh PostgreSQL database on 127.0.0.1:5432 (user postgres, trust authentication),
# both set up with bench/setup.py, warmed under load together, then measured in alternating windows
# (H2 r1, PG r1, H2 r2, PG r2, ...: one server loaded at a time, the other idle). PostgreSQL's own CPU is counted:
# the backends serving the database, added to the JVM's (signin_bench.py --pg-db). Prints one table and appends the
# raw lines to --out.
#
#   bench/h2_vs_postgres.sh [--warmup 240] [--duration 45] [--rounds 3] [--conc 8] [--users 50] [--oidc]
#                           [--db keyward_h2_vs_pg] [--keep] [--h2-port 18390] [--pg-port 18391]
#                           [--out bench/figures/h2-vs-postgres-<time>.jsonl]
#
# --oidc measures the complete OpenID Connect sign-in (authorize, code, token) instead of the page sign-in; the
# warm-up then runs that flow too. The database is created by the script (it refuses one that exists) and dropped at
# the end with the two data directories, unless --keep. About 2 min of start and set-up + warm-up + 2 × rounds ×
# (duration + 8 s): ≈ 12 min with the defaults. Nothing else should run on the machine meanwhile.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WARMUP=240 DURATION=45 ROUNDS=3 CONC=8 USERS=50 OIDC="" KEEP=""
DB=keyward_h2_vs_pg H2_PORT=18390 PG_PORT=18391
WINDOW_WARMUP=5          # seconds of load before each window: the server was idle during the other one's window
OUT="$ROOT/bench/figures/h2-vs-postgres-$(date -u +%Y-%m-%dT%H%M).jsonl"
PG_HOST=127.0.0.1 PG_SERVER_PORT=5432 PG_USER=postgres
export KEYWARD_JAVA_HOME="${KEYWARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

usage() { sed -n '10,12p' "$0" | sed 's/^#   //;1s/^/usage: /;2,$s/^/       /' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --conc) CONC="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --oidc) OIDC=1; shift ;;
    --db) DB="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --h2-port) H2_PORT="$2"; shift 2 ;;
    --pg-port) PG_PORT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) usage ;;
  esac
done
say() { printf 'h2-vs-postgres: %s\n' "$*" >&2; }
for n in WARMUP DURATION ROUNDS CONC USERS H2_PORT PG_PORT; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || { say "--$(tr 'A-Z_' 'a-z-' <<<"$n") must be a whole number"; exit 2; }
done
(( USERS >= CONC )) || { say "--users must be at least --conc (each client signs in with its own passkeys)"; exit 2; }
(( WARMUP >= 10 && DURATION >= 5 && ROUNDS >= 1 )) || { say "--warmup must be at least 10, --duration at least 5, --rounds at least 1"; exit 2; }
(( H2_PORT != PG_PORT )) || { say "--h2-port and --pg-port must differ"; exit 2; }
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { say "--db must be a plain lower-case database name"; exit 2; }
[[ -x "$KEYWARD_JAVA_HOME/bin/java" ]] || { say "no JDK at $KEYWARD_JAVA_HOME (set KEYWARD_JAVA_HOME)"; exit 2; }
for port in "$H2_PORT" "$PG_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then say "port $port is in use: stop what runs there first, or --h2-port/--pg-port"; exit 2; fi
done
PSQL=(psql -h "$PG_HOST" -p "$PG_SERVER_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt)
"${PSQL[@]}" -c 'select 1' > /dev/null 2>&1 \
  || { say "PostgreSQL does not answer on $PG_HOST:$PG_SERVER_PORT as $PG_USER without a password (trust authentication)"; exit 2; }
if [[ -n "$("${PSQL[@]}" -c "select 1 from pg_database where datname = '$DB'")" ]]; then
  say "database $DB exists already: not touching it (drop it yourself, or --db another name)"; exit 2
fi

WORK="$(mktemp -d /tmp/keyward-h2-vs-postgres.XXXXXX)"
mkdir -p "$(dirname "$OUT")" "$WORK/h2-creds" "$WORK/pg-creds"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"   # the drivers run in $ROOT
touch "$OUT"
FIRST_LINE=$(( $(wc -l < "$OUT") + 1 ))      # the table reads this run's lines only
LAUNCHERS="" JVMS="" DRIVERS="" DB_CREATED="" STARTED=$SECONDS

jvm_of() {   # the WildFly JVM below a ./keyward launcher (./keyward -> standalone.sh -> java), empty if none
  (cd "$ROOT/bench" && python3 -c 'import sys; from kwb import find_jvm; print(find_jvm(int(sys.argv[1])))' "$1" 2>/dev/null) || true
}
# The launcher runs java as a grandchild: stop the JVM itself and the launcher, wait for both, and kill what is left
# after a minute.
stop_servers() {
  local pid jvm jvms="$JVMS" tries
  for pid in $LAUNCHERS; do       # a JVM not found yet (stopped while starting)
    jvm="$(kill -0 "$pid" 2>/dev/null && jvm_of "$pid")" || true
    [[ -n "$jvm" && " $jvms " != *" $jvm "* ]] && jvms="$jvms $jvm"
  done
  for pid in $jvms $LAUNCHERS; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $jvms $LAUNCHERS; do
    tries=0
    while kill -0 "$pid" 2>/dev/null; do
      sleep 1; tries=$((tries + 1))
      if (( tries == 60 )); then say "pid $pid did not stop in 60 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
    done
  done
  LAUNCHERS="" JVMS=""
}
kill_tree() {   # PID...: the processes and everything below them, children first
  local pid child
  for pid in "$@"; do
    for child in $(pgrep -P "$pid" || true); do kill_tree "$child"; done
    kill -TERM "$pid" 2>/dev/null || true
  done
}
cleanup() {
  local status=$?
  [[ -n "$DRIVERS" ]] && kill_tree $DRIVERS     # set-up and drivers still running (a failure, Ctrl-C, TERM)
  stop_servers
  if [[ -n "$DB_CREATED" && -z "$KEEP" ]]; then
    dropdb -h "$PG_HOST" -p "$PG_SERVER_PORT" -U "$PG_USER" --force "$DB" && say "dropped database $DB" || say "could not drop database $DB"
  fi
  if [[ -z "$KEEP" ]]; then
    rm -rf "$WORK/h2" "$WORK/pg" "$WORK/kek"     # the H2 database, copies of the runtime, secrets; logs stay
  fi
  say "working files (logs) in $WORK; $(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s in all"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

wait_for() {   # URL LAUNCHER-PID LOG
  local tries=0
  until curl -sf -o /dev/null "$1"; do
    if ! kill -0 "$2" 2>/dev/null; then say "the server of $1 stopped while starting; the end of $3:"; tail -20 "$3" >&2; exit 3; fi
    sleep 2; tries=$((tries + 1))
    (( tries < 300 )) || { say "$1 did not answer in 10 minutes"; exit 3; }
  done
}

# --- two servers of the same build, at the same time -------------------------------------------------------------
createdb -h "$PG_HOST" -p "$PG_SERVER_PORT" -U "$PG_USER" "$DB"
DB_CREATED=1
head -c 32 /dev/urandom | base64 > "$WORK/kek"    # production mode needs a key-encryption key (docs/configuration.md)
chmod 600 "$WORK/kek"
say "expect about $(( (120 + WARMUP + 2 * ROUNDS * (DURATION + WINDOW_WARMUP + 4)) / 60 + 1 )) min (2 min of start and set-up on a quiet machine)"
say "H2: start-dev on port $H2_PORT (log $WORK/h2.log); PostgreSQL: start on port $PG_PORT, database $DB (log $WORK/pg.log)"
# Neither inherits a database or address from the caller's environment. start-dev reads KEYWARD_DB_URL too.
(cd "$ROOT" && exec env -u KEYWARD_DB_URL -u KEYWARD_DB_USER -u KEYWARD_DB_PASSWORD -u KEYWARD_HTTPS_BASE_URL \
    KEYWARD_BASE_URL="http://localhost:$H2_PORT" \
    ./keyward start-dev --port "$H2_PORT" --data "$WORK/h2" > "$WORK/h2.log" 2>&1 < /dev/null) &
LAUNCHERS="$!"
# The launcher builds first when the build is missing or stale: the second one starts once the first is past that.
until grep -q 'starting Keyward' "$WORK/h2.log" 2>/dev/null; do
  kill -0 "$LAUNCHERS" 2>/dev/null || { say "start-dev stopped:"; tail -20 "$WORK/h2.log" >&2; exit 3; }
  sleep 1
done
(cd "$ROOT" && exec env -u KEYWARD_DB_PASSWORD -u KEYWARD_HTTPS_BASE_URL -u KEYWARD_TLS_KEYSTORE \
    KEYWARD_DB_URL="jdbc:postgresql://$PG_HOST:$PG_SERVER_PORT/$DB" KEYWARD_DB_USER="$PG_USER" \
    KEYWARD_KEYS_ENCRYPTION_KEY_FILE="$WORK/kek" KEYWARD_BASE_URL="http://localhost:$PG_PORT" \
    ./keyward start --port "$PG_PORT" --data "$WORK/pg" --bind 127.0.0.1 > "$WORK/pg.log" 2>&1 < /dev/null) &
LAUNCHERS="$LAUNCHERS $!"
read -r H2_LAUNCHER PG_LAUNCHER <<<"$LAUNCHERS"
wait_for "http://127.0.0.1:$H2_PORT/signin" "$H2_LAUNCHER" "$WORK/h2.log"
wait_for "http://127.0.0.1:$PG_PORT/signin" "$PG_LAUNCHER" "$WORK/pg.log"
H2_JVM="$(jvm_of "$H2_LAUNCHER")" PG_JVM="$(jvm_of "$PG_LAUNCHER")"
[[ -n "$H2_JVM" && -n "$PG_JVM" ]] || { say "cannot find the two WildFly JVMs below the launchers"; exit 3; }
JVMS="$H2_JVM $PG_JVM"
say "both answer after $(( SECONDS - STARTED )) s (JVMs $H2_JVM, $PG_JVM); setting up $USERS users on each"

(cd "$ROOT" && KW_PORT=$H2_PORT python3 bench/setup.py --bootstrap "$WORK/h2/bootstrap.json" --users "$USERS" --oidc-client \
    --out "$WORK/h2-creds/passkeys.json" > "$WORK/h2-setup.log" 2>&1) & SETUP_H2=$!
(cd "$ROOT" && KW_PORT=$PG_PORT python3 bench/setup.py --bootstrap "$WORK/pg/bootstrap.json" --users "$USERS" --oidc-client \
    --out "$WORK/pg-creds/passkeys.json" > "$WORK/pg-setup.log" 2>&1) & SETUP_PG=$!
DRIVERS="$SETUP_H2 $SETUP_PG"
wait "$SETUP_H2" || { say "setting up the H2 server failed:"; tail -5 "$WORK/h2-setup.log" >&2; exit 3; }
wait "$SETUP_PG" || { say "setting up the PostgreSQL server failed:"; tail -5 "$WORK/pg-setup.log" >&2; exit 3; }
DRIVERS=""

# drive SERVER LABEL WARMUP DURATION JSON: one closed-loop window of signin_bench.py against one of the servers.
FLOW=("page sign-in") FLOW_ARGS=()
[[ -n "$OIDC" ]] && FLOW=("complete OpenID Connect sign-in") FLOW_ARGS=(--oidc)
drive() {
  local server=$1 label=$2 warmup=$3 duration=$4 json=$5 port jvm extra=()
  if [[ "$server" == h2 ]]; then port=$H2_PORT jvm=$H2_JVM; else port=$PG_PORT jvm=$PG_JVM extra=(--pg-db "$DB"); fi
  (cd "$ROOT" && KW_PORT=$port python3 bench/signin_bench.py closed --kw-pid "$jvm" --creds "$WORK/$server-creds/passkeys.json" \
      --conc "$CONC" --points "$CONC" --warmup "$warmup" --duration "$duration" "${FLOW_ARGS[@]}" "${extra[@]}" \
      --label "$label" --json "$json" > /dev/null)
}

# --- warm-up: both under load at the same time ---------------------------------------------------------------------
TAIL=$(( WARMUP >= 60 ? 30 : WARMUP / 2 ))
say "warming both up under load at the same time for $WARMUP s (${FLOW[0]}, $CONC clients each)"
drive h2 "h2 warm-up tail, both loaded" $(( WARMUP - TAIL )) "$TAIL" "$WORK/h2-warmup.jsonl" & WARM_H2=$!
drive pg "postgresql warm-up tail, both loaded" $(( WARMUP - TAIL )) "$TAIL" "$WORK/pg-warmup.jsonl" & WARM_PG=$!
DRIVERS="$WARM_H2 $WARM_PG"
wait "$WARM_H2" || { say "the H2 warm-up failed"; exit 3; }
wait "$WARM_PG" || { say "the PostgreSQL warm-up failed"; exit 3; }
DRIVERS=""
cat "$WORK/h2-warmup.jsonl" "$WORK/pg-warmup.jsonl" >> "$OUT"

# --- alternating windows: one server loaded, the other idle -------------------------------------------------------
for r in $(seq 1 "$ROUNDS"); do
  for server in h2 pg; do
    name=$([[ $server == h2 ]] && echo h2 || echo postgresql)
    say "round $r: $name, ${DURATION}-s window"
    # In the background and waited for, so that a TERM to this script is acted on at once.
    drive "$server" "$name r$r" "$WINDOW_WARMUP" "$DURATION" "$OUT" & DRIVERS=$!
    wait "$DRIVERS" || { say "the driver failed in round $r ($name)"; exit 3; }
    DRIVERS=""
  done
done
stop_servers

# --- the table ------------------------------------------------------------------------------------------------------
python3 - "$OUT" "$FIRST_LINE" "$CONC" "${FLOW[0]}" "$DB" <<'EOF'
import json, sys
path, first, conc, flow, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
lines = [json.loads(l) for l in open(path).read().splitlines()[first - 1:] if l.strip()]
rounds = {}
for d in lines:
    name, _, r = d["label"].partition(" r")
    if r.isdigit():
        rounds.setdefault(int(r), {})[name] = d

def total(d):   # H2 runs inside the JVM: its CPU is the JVM's; PostgreSQL's backends are added
    return d.get("total_cpu_ms_per_sign_in") if "pg_db" in d else d.get("cpu_ms_per_sign_in")

def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "—"

def fmt(x):
    return "—" if x is None else f"{x:g}" if isinstance(x, (int, float)) else str(x)

def mean(xs):
    xs = [x for x in xs if x is not None]
    return round(sum(xs) / len(xs), 2) if xs else None

print(f"\n{flow}, {conc} closed-loop clients, one server loaded at a time; PostgreSQL database {db}; raw lines in {path}")
print("CPU in ms per sign-in. H2 is embedded: its CPU is in the JVM's. PostgreSQL's shared writers (WAL writer,")
print("checkpointer, background writer) work for every database on the server: shown apart, not in the total.\n")
print("| window | server | sign-ins/s | JVM CPU | PG backends CPU | total CPU | PG shared | p50 / p95 / p99 ms | errors | total PG/H2 | p99 PG/H2 |")
print("|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|")
cols = {"h2": [], "postgresql": []}
for r in sorted(rounds):
    h2, pg = rounds[r].get("h2"), rounds[r].get("postgresql")
    for name, d in (("h2", h2), ("postgresql", pg)):
        if not d:
            continue
        cols[name].append(d)
        ratios = ("", "")
        if name == "postgresql" and h2:
            ratios = (ratio(total(pg), total(h2)), ratio(pg["p99_ms"], h2["p99_ms"]))
        print(f"| r{r} | {'H2' if name == 'h2' else 'PostgreSQL'} | {fmt(d['sign_ins_per_s'])} | {fmt(d['cpu_ms_per_sign_in'])} | "
              f"{fmt(d.get('pg_cpu_ms_per_sign_in')) if name != 'h2' else '—'} | {fmt(total(d))} | "
              f"{fmt(d.get('pg_shared_cpu_ms_per_sign_in')) if name != 'h2' else '—'} | "
              f"{fmt(d['p50_ms'])} / {fmt(d['p95_ms'])} / {fmt(d['p99_ms'])} | {d.get('errors') or 'none'} | {ratios[0]} | {ratios[1]} |")
m = {}
for name, ds in cols.items():
    m[name] = {k: mean([(total(d) if k == "total" else d.get(k)) for d in ds])
               for k in ("sign_ins_per_s", "cpu_ms_per_sign_in", "pg_cpu_ms_per_sign_in", "total", "pg_shared_cpu_ms_per_sign_in",
                         "p50_ms", "p95_ms", "p99_ms")}
for name in ("h2", "postgresql"):
    x = m[name]
    ratios = (ratio(m["postgresql"]["total"], m["h2"]["total"]), ratio(m["postgresql"]["p99_ms"], m["h2"]["p99_ms"])) if name == "postgresql" else ("", "")
    print(f"| **mean** | {'H2' if name == 'h2' else 'PostgreSQL'} | {fmt(x['sign_ins_per_s'])} | {fmt(x['cpu_ms_per_sign_in'])} | "
          f"{fmt(x['pg_cpu_ms_per_sign_in']) if name != 'h2' else '—'} | {fmt(x['total'])} | "
          f"{fmt(x['pg_shared_cpu_ms_per_sign_in']) if name != 'h2' else '—'} | "
          f"{fmt(x['p50_ms'])} / {fmt(x['p95_ms'])} / {fmt(x['p99_ms'])} | | {ratios[0] and f'**{ratios[0]}**'} | {ratios[1] and f'**{ratios[1]}**'} |")
notes = {d.get("pg_note") for d in cols["postgresql"] if d.get("pg_note")}
for n in notes:
    print(f"\nnote: {n}")
tot, p99 = m["postgresql"]["total"], m["postgresql"]["p99_ms"]
if tot and m["h2"]["total"] and p99 and m["h2"]["p99_ms"]:
    verdict = lambda r: "within 1.5x" if r <= 1.5 else "NOT within 1.5x"
    print(f"\nPostgreSQL against H2, mean of {len(rounds)} round(s): total CPU per sign-in {tot / m['h2']['total']:.2f}x "
          f"({verdict(tot / m['h2']['total'])}), p99 {p99 / m['h2']['p99_ms']:.2f}x ({verdict(p99 / m['h2']['p99_ms'])})")
EOF
