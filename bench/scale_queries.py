#!/usr/bin/env python3
"""The Graph reads that grow with the directory and the logs, timed from the client (docs/performance.md, "Scale"):
  users     GET /users?$top=N&$select=id,userPrincipalName,displayName, following @odata.nextLink to the end:
            total time, pages, per-page p50/p95/max; and $filter=userPrincipalName eq '...' for --samples users
  signins   GET /auditLogs/signIns: first page ($top=100) filtered by userId, by userPrincipalName, and by a time
            range (createdDateTime ge A and le B: the last hour, one day 30 days ago, one day 80 days ago); then one
            whole day walked page by page ($top=999)
  inventory GET /keyward/reports/aaguidInventory?since=30d (and 90d): --repeat times each
Each measurement prints one JSON line (also appended to --json FILE) with the machine's load average at its start.
Printed figures only: nothing here asserts a time. The users for the per-user queries come from the /users walk.

Usage: KW_PORT=18480 python3 bench/scale_queries.py --bootstrap DATA/bootstrap.json [users signins inventory]
           [--top 999] [--samples 20] [--repeat 3] [--label before] [--json FILE]"""
import argparse, datetime, json, os, random, sys, time, urllib.parse
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from setup import Graph, must


def pct(xs, p):
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000, 1) if xs else None


def load():
    return open("/proc/loadavg").read().split()[0]


def timed(g, path):
    t = time.perf_counter()
    st, js = g("GET", path)
    dt = time.perf_counter() - t
    if st != 200:
        raise SystemExit(f"GET {path} -> {st} {json.dumps(js)[:400]}")
    return dt, js


def rel(g, link):
    """The path of a nextLink below /graph/beta (Graph's links are absolute)."""
    return link.split("/graph/beta", 1)[1]


def walk(g, path):
    """Follows @odata.nextLink; returns (total seconds, per-page seconds, rows)."""
    times, rows, t0 = [], [], time.perf_counter()
    while path:
        dt, js = timed(g, path)
        times.append(dt)
        rows += js.get("value", [])
        path = rel(g, js["@odata.nextLink"]) if js.get("@odata.nextLink") else None
    return time.perf_counter() - t0, times, rows


def summary(name, times, **extra):
    return {"query": name, "n": len(times), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
            "max_ms": round(max(times) * 1000, 1) if times else None, **extra}


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="*", default=["users", "signins", "inventory"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--top", type=int, default=999)
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--label", default="")
    ap.add_argument("--json")
    a = ap.parse_args()
    g = Graph(json.load(open(a.bootstrap)))

    def emit(out):
        out = {"label": a.label, "load_avg_1m": load(), **out}
        print(json.dumps(out), flush=True)
        if a.json:
            with open(a.json, "a") as f:
                f.write(json.dumps(out) + "\n")

    rnd = random.Random(7)
    users = []
    if "users" in a.what or "signins" in a.what:
        la = load()
        total, times, users = walk(g, f"/users?$top={a.top}&$select=id,userPrincipalName,displayName")
        emit({**summary(f"users: walk every page, $top={a.top}", times), "load_avg_1m": la, "rows": len(users),
              "total_s": round(total, 1)})
        sample = rnd.sample(users, min(a.samples, len(users)))
        if "users" in a.what:
            la = load()
            times = [timed(g, "/users?$filter=" + urllib.parse.quote(f"userPrincipalName eq '{u['userPrincipalName']}'"))[0]
                     for u in sample]
            emit({**summary("users: $filter=userPrincipalName eq", times), "load_avg_1m": la})
    if "signins" in a.what:
        sample = rnd.sample(users, min(a.samples, len(users)))
        for name, flt in (("userId eq", lambda u: f"userId eq '{u['id']}'"),
                          ("userPrincipalName eq", lambda u: f"userPrincipalName eq '{u['userPrincipalName']}'")):
            la = load()
            times, found = [], 0
            for u in sample:
                dt, js = timed(g, "/auditLogs/signIns?$top=100&$filter=" + urllib.parse.quote(flt(u)))
                times.append(dt); found += len(js.get("value", []))
            emit({**summary(f"signIns: first page, $filter={name}", times), "load_avg_1m": la, "rows_found": found})
        now = datetime.datetime.now(datetime.timezone.utc)
        for name, start, end in (("the last hour", now - datetime.timedelta(hours=1), now),
                                 ("one day 30 days ago", now - datetime.timedelta(days=30), now - datetime.timedelta(days=29)),
                                 ("one day 80 days ago", now - datetime.timedelta(days=80), now - datetime.timedelta(days=79))):
            flt = urllib.parse.quote(f"createdDateTime ge {iso(start)} and createdDateTime le {iso(end)}")
            la = load()
            times = [timed(g, f"/auditLogs/signIns?$top=100&$filter={flt}")[0] for _ in range(a.repeat)]
            emit({**summary(f"signIns: first page, createdDateTime in {name}", times), "load_avg_1m": la})
        start = now - datetime.timedelta(days=30)
        flt = urllib.parse.quote(f"createdDateTime ge {iso(start)} and createdDateTime le {iso(start + datetime.timedelta(days=1))}")
        la = load()
        total, times, rows = walk(g, f"/auditLogs/signIns?$top=999&$filter={flt}")
        emit({**summary("signIns: one day 30 days ago, every page, $top=999", times), "load_avg_1m": la, "rows": len(rows),
              "total_s": round(total, 1)})
    if "inventory" in a.what:
        for since in ("30d", "90d"):
            la = load()
            times, rows = [], 0
            for _ in range(a.repeat):
                dt, js = timed(g, f"/keyward/reports/aaguidInventory?since={since}")
                times.append(dt); rows = len(js.get("value", []))
            emit({**summary(f"aaguidInventory since={since}", times), "load_avg_1m": la, "models": rows})


if __name__ == "__main__":
    main()
