#!/usr/bin/env python3
"""Keyward's passkey sign-in benchmark (docs/performance.md). One sign-in is what the sign-in page does for a
usernameless passkey: POST /signin/passkey/options {} -> soft ES256 passkey signs (counter + 1) -> POST
/signin/passkey -> 200 naming the passkey's user + a keyward_session cookie; with --oidc it continues as an app's
browser does: GET /{tenant}/oauth2/v2.0/authorize (PKCE S256, the new session) -> 302 with ?code -> POST
/{tenant}/oauth2/v2.0/token -> ID and access tokens (RS256). A sign-in counts only when every step answers as it
must. Driver design of ../../shared/bench/keyward-bench (processes x threads, keep-alive HTTP/1.1, fresh cookie jar
per sign-in, disjoint credentials per thread so counters only increase).

Modes (each prints one JSON line per measurement, also appended to --json FILE):
  all      peak (closed loop at each --points concurrency, best logins/s), then --load-fraction (0.7) of the peak as
           a paced open-loop rate: p50/p95/p99 from each sign-in's scheduled start (no coordinated omission)
  closed   closed loop at --conc for --duration seconds
  paced    open loop at --rate sign-ins/s
  series   closed loop at --conc, one line per --interval: the warm-up curve; reports the time from the JVM's start
           to the first interval at 90 % of the rate of the last --tail intervals
Server CPU per sign-in: utime + stime of the WildFly JVM (/proc/<pid>/stat) over the window, divided by the
sign-ins in it; also split into JIT compiler threads, GC, other long-lived threads and, as the remainder, the
request threads (default task/I/O). With --pg-db NAME (PostgreSQL on this machine) also PostgreSQL's CPU per sign-in:
the backends serving that database (pg_cpu_ms_per_sign_in, added to the JVM's in total_cpu_ms_per_sign_in) and,
apart, the server's WAL writer, checkpointer and background writer, which work for every database on it
(pg_shared_cpu_ms_per_sign_in); how exact that is: bench/pg_cpu.py.

Usage: KW_PORT=18090 python3 bench/signin_bench.py all --kw-pid PID [--points 2 4 8 16] [--oidc]
       (first: python3 bench/setup.py --bootstrap $KW_DATA/bootstrap.json --users 50 [--oidc-client])"""
import argparse, base64, hashlib, json, multiprocessing as mp, os, re, secrets, signal, sys, threading, time, urllib.parse
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kwb import *
from pg_cpu import PostgresCpu, visibility

TICK = os.sysconf("SC_CLK_TCK")
GROUPS = (("request", r"^default (task|I/O)"), ("jit", r"Compiler"), ("gc", r"^(GC|G1|VM Thread)"))


def jvm_cpu(pid):
    """CPU seconds of the JVM in total and per thread group (request threads, JIT compilers, GC, other)."""
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    out = {"total": (int(f[11]) + int(f[12])) / TICK}
    groups = dict.fromkeys([g for g, _ in GROUPS] + ["other"], 0.0)
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{t}/comm").read().strip()
            s = open(f"/proc/{pid}/task/{t}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        g = next((g for g, rx in GROUPS if re.search(rx, name)), "other")
        groups[g] += (int(s[11]) + int(s[12])) / TICK
    out.update(groups)
    return out


def jvm_age_s(pid):
    """Seconds since the JVM process started."""
    start = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[19]) / TICK
    return float(open("/proc/uptime").read().split()[0]) - start


def pkce():
    verifier = b64u(secrets.token_bytes(32))
    return verifier, b64u(hashlib.sha256(verifier.encode()).digest())


def sign_in(b, pk, oidc=None):
    """One complete sign-in on a fresh cookie jar; None when it worked, else an error tag."""
    b.new_session()
    st, _, opts = b.fetch_json("/signin/passkey/options", {})
    if st != 200:
        return "options_%d" % st
    ch = ((opts or {}).get("publicKey") or {}).get("challenge")
    if not ch:
        return "no_challenge"
    st, _, res = b.fetch_json("/signin/passkey", pk.assertion_json(ch))
    if st != 200:
        return "finish_%d_%s" % (st, ((res or {}).get("error") or {}).get("code") if isinstance(res, dict) else "")
    if (res.get("userPrincipalName") or "").lower() != (pk.upn or "").lower() or not b.last_set_cookies.get(SESSION_COOKIE):
        return "finish_wrong_user_or_no_cookie"
    if oidc:
        verifier, challenge = pkce()
        state = b64u(secrets.token_bytes(12))
        q = urllib.parse.urlencode({"client_id": oidc["clientId"], "response_type": "code", "redirect_uri": oidc["redirectUri"],
                                    "scope": "openid profile", "state": state, "code_challenge": challenge,
                                    "code_challenge_method": "S256", "nonce": state})
        st, h, _ = b.request("GET", oidc["authorizePath"] + "?" + q, None, {"Accept": "text/html"})
        loc = h.get("location", "")
        params = urllib.parse.parse_qs(urllib.parse.urlparse(loc).query)
        if st not in (302, 303) or params.get("state") != [state] or "code" not in params:
            return "authorize_%d" % st
        body = urllib.parse.urlencode({"grant_type": "authorization_code", "code": params["code"][0], "redirect_uri": oidc["redirectUri"],
                                       "client_id": oidc["clientId"], "code_verifier": verifier})
        st, _, data = b.request("POST", oidc["tokenPath"], body, {"Content-Type": "application/x-www-form-urlencoded",
                                                                   "Accept": "application/json"})
        tokens = json.loads(data) if st == 200 else {}
        if st != 200 or "id_token" not in tokens or "access_token" not in tokens:
            return "token_%d" % st
    return None


def worker(groups, counters, mode, rate_per_thread, t_start, t_end, interval, oidc, q):
    res = {"lat": [], "errors": {}, "counters": {}, "series": {}}
    lock = threading.Lock()

    def run(index, group):
        pks = [Passkey.from_json(c) for c in group]
        for p in pks:
            p.counter = counters.get(p.id, 0)
        b = Browser()
        lats, errs, series = [], {}, {}
        n = 0
        period = 1.0 / rate_per_thread if rate_per_thread else 0
        next_at = time.time() + (period * index / max(1, len(groups)) if period else 0)
        while True:
            if period:
                now = time.time()
                if next_at > now:
                    time.sleep(next_at - now)
                begin = next_at              # latency from the scheduled start: a late start counts against the server
                next_at += period
            else:
                begin = time.time()
            if begin >= t_end:
                break
            try:
                e = sign_in(b, pks[n % len(pks)], oidc)
            except Exception as ex:          # a broken connection is an error of this sign-in, not of the driver
                e = type(ex).__name__
                b.conn = None
            end = time.time()
            n += 1
            if t_start <= end < t_end:
                if e is None:
                    lats.append(end - begin)
                    if interval:
                        k = int((end - t_start) // interval)
                        series[k] = series.get(k, 0) + 1
                else:
                    errs[e] = errs.get(e, 0) + 1
        with lock:
            res["lat"] += lats
            for k, v in errs.items():
                res["errors"][k] = res["errors"].get(k, 0) + v
            for k, v in series.items():
                res["series"][k] = res["series"].get(k, 0) + v
            for p in pks:
                res["counters"][p.id] = p.counter

    ts = [threading.Thread(target=run, args=(i, g)) for i, g in enumerate(groups)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    q.put(res)


def pct(xs, p):
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000, 1) if xs else None


def measure(a, creds, store, conc, rate=None, duration=None, warmup=None, interval=0):
    """One window of load; returns the figures (and the per-interval counts in series mode)."""
    duration = duration if duration is not None else a.duration
    warmup = warmup if warmup is not None else a.warmup
    procs = min(a.procs, conc)
    groups = [creds[g::conc] for g in range(conc)]
    split = [conc // procs + (1 if i < conc % procs else 0) for i in range(procs)]
    counters = dict(store.counters)
    t0 = time.time() + 1.0
    t_start, t_end = t0 + warmup, t0 + warmup + duration
    q, ps, g0 = mp.Queue(), [], 0
    per_thread = rate / conc if rate else None
    for n in split:
        # Daemonic: stopped with the driver (also on SIGTERM, below) instead of loading a server until t_end.
        ps.append(mp.Process(target=worker, args=(groups[g0:g0 + n], counters, None, per_thread, t_start, t_end, interval, a.oidc_config, q),
                             daemon=True))
        g0 += n
    for p in ps:
        p.start()
    time.sleep(max(0, t_start - time.time()))
    samples = [(time.time(), jvm_cpu(a.jvm))]
    pg = PostgresCpu(a.pg_db) if a.pg_db and not a.pg_note else None
    if pg:
        pg.start()
    while time.time() < t_end:
        time.sleep(min(interval or 1e9, max(0, t_end - time.time())))
        samples.append((time.time(), jvm_cpu(a.jvm)))
    pg_cpu = pg.stop() if pg else None
    results = [q.get() for _ in ps]
    for p in ps:
        p.join()
    final = {}
    for r in results:
        final.update(r["counters"])
    store.save(final)
    lat = sorted(x for r in results for x in r["lat"])
    errs = {}
    for r in results:
        for k, v in r["errors"].items():
            errs[k] = errs.get(k, 0) + v
    n = len(lat)
    (w0, c0), (w1, c1) = samples[0], samples[-1]
    out = {"flow": "options > finish" + (" > authorize > token" if a.oidc else ""), "mode": "paced" if rate else "closed",
           "conc": conc, "target_rate": rate, "window_s": round(w1 - w0, 1), "sign_ins": n, "errors": errs,
           "sign_ins_per_s": round(n / duration, 1), "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95), "p99_ms": pct(lat, 99),
           "max_ms": round(lat[-1] * 1000, 1) if lat else None, "jvm_pid": a.jvm,
           "jvm_cores_busy": round((c1["total"] - c0["total"]) / (w1 - w0), 2),
           "cpu_ms_per_sign_in": round((c1["total"] - c0["total"]) / n * 1000, 2) if n else None}
    if n:
        # Pool threads that end inside the window take their CPU with them, so the request threads are what the
        # long-lived groups (JIT compilers, GC, the rest) leave of the process total.
        split = {g: round((c1[g] - c0[g]) / n * 1000, 2) for g in ("jit", "gc", "other")}
        split["request"] = round(out["cpu_ms_per_sign_in"] - sum(split.values()), 2)
        out["cpu_ms_per_sign_in_by_threads"] = split
    if a.pg_db:
        out.update(postgres_figures(a, pg_cpu, n, out["cpu_ms_per_sign_in"]))
    if interval:
        counts = {}
        for r in results:
            for k, v in r["series"].items():
                counts[int(k)] = counts.get(int(k), 0) + v
        rows = []
        for i in range(1, len(samples)):
            k = i - 1
            done = counts.get(k, 0)
            cpu = samples[i][1]["total"] - samples[i - 1][1]["total"]
            rows.append({"t_load_s": round((k + 1) * interval), "per_s": round(done / interval, 1),
                         "cpu_ms_per_sign_in": round(cpu / done * 1000, 2) if done else None})
        out["series"] = rows
    return out


def postgres_figures(a, pg_cpu, n, jvm_ms):
    """The --pg-db fields of a window: PostgreSQL's CPU per sign-in, or a note saying why there is none."""
    out = {"pg_db": a.pg_db, "pg_cpu_ms_per_sign_in": None, "total_cpu_ms_per_sign_in": None, "pg_shared_cpu_ms_per_sign_in": None}
    note = a.pg_note or (None if pg_cpu and pg_cpu["backends"]["at_start"] + pg_cpu["backends"]["appeared"]
                         else f"no backend of database {a.pg_db!r} was seen in the window")
    if note:
        out["pg_note"] = note
    elif n:
        out["pg_cpu_ms_per_sign_in"] = round(pg_cpu["db"] / n * 1000, 2)
        out["total_cpu_ms_per_sign_in"] = round(jvm_ms + out["pg_cpu_ms_per_sign_in"], 2)
        out["pg_shared_cpu_ms_per_sign_in"] = round(pg_cpu["shared"] / n * 1000, 2)
    if pg_cpu:
        out["pg_backends"] = pg_cpu["backends"]
    return out


def emit(a, out):
    print(json.dumps(out), flush=True)
    if a.json:
        with open(a.json, "a") as f:
            f.write(json.dumps(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("all", "closed", "paced", "series"))
    ap.add_argument("--kw-pid", type=int, required=True, help="the WildFly JVM pid, or the ./keyward launcher pid above it")
    ap.add_argument("--creds", default=os.path.join(HERE, "passkeys.json"))
    ap.add_argument("--conc", type=int, default=8)
    ap.add_argument("--points", type=int, nargs="+", default=[2, 4, 8, 16])
    ap.add_argument("--rate", type=float)
    ap.add_argument("--load-fraction", type=float, default=0.7)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--warmup", type=float, default=10)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--interval", type=float, default=10)
    ap.add_argument("--tail", type=int, default=3, help="series: intervals at the end that define the steady state")
    ap.add_argument("--oidc", action="store_true", help="continue each sign-in with authorize -> code -> token (needs setup.py --oidc-client)")
    ap.add_argument("--pg-db", help="also measure the CPU of the PostgreSQL backends serving this database (PostgreSQL on this machine)")
    ap.add_argument("--label", default="")
    ap.add_argument("--json")
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # exit through atexit, which stops the workers
    a.jvm = find_jvm(a.kw_pid)
    a.pg_note = None
    if a.pg_db:
        measurable, why = visibility(a.pg_db)
        if not measurable:
            a.pg_note = "PostgreSQL's CPU not measured: " + why
            print(f"signin_bench: {a.pg_note}", file=sys.stderr)
        elif why:                        # the pool may open its connections once the load starts
            print(f"signin_bench: note: {why}", file=sys.stderr)
    creds = load_creds(a.creds)
    a.oidc_config = None
    if a.oidc:
        a.oidc_config = json.load(open(os.path.join(os.path.dirname(os.path.abspath(a.creds)), "oidc-client.json")))
    store = CounterStore(a.creds)
    if store.dirty_bump:
        store.counters = {c["cred_id"]: store.counters.get(c["cred_id"], store.DIRTY_BUMP) for c in creds}
    need = max(a.points + [a.conc])
    if need > len(creds):
        raise SystemExit(f"{need} threads need {need} bench passkeys; rerun setup.py --users {need}")
    base = {"label": a.label, "jvm_pid": a.jvm}
    if a.mode == "closed":
        emit(a, {**base, **measure(a, creds, store, a.conc)})
    elif a.mode == "paced":
        emit(a, {**base, **measure(a, creds, store, a.conc, rate=a.rate)})
    elif a.mode == "series":
        age = jvm_age_s(a.jvm)
        out = measure(a, creds, store, a.conc, warmup=0, interval=a.interval)
        tail = out["series"][-a.tail:]
        steady = sum(r["per_s"] for r in tail) / len(tail)
        first = next((r for r in out["series"] if r["per_s"] >= 0.9 * steady), None)
        out.update({"jvm_age_at_load_start_s": round(age, 1), "steady_per_s": round(steady, 1),
                    "load_s_to_90pct": first and first["t_load_s"],
                    "jvm_start_to_90pct_s": first and round(age + first["t_load_s"], 1)})
        emit(a, {**base, **out})
    else:
        peak = None
        for c in a.points:
            out = measure(a, creds, store, c)
            emit(a, {**base, "phase": "peak-search", **out})
            if not out["errors"] and (peak is None or out["sign_ins_per_s"] > peak["sign_ins_per_s"]):
                peak = out
        if peak is None:
            raise SystemExit("no error-free point: no peak")
        rate = round(a.load_fraction * peak["sign_ins_per_s"], 1)
        out = measure(a, creds, store, max(a.points), rate=rate)
        emit(a, {**base, "phase": f"{int(a.load_fraction * 100)}% of peak", "peak_sign_ins_per_s": peak["sign_ins_per_s"],
                 "peak_conc": peak["conc"], **out})


if __name__ == "__main__":
    main()
