#!/usr/bin/env python3
"""Passkey registration and provisioning throughput through Graph (docs/performance.md, "Registration throughput").
One registration is what a provisioning tool (bench/setup.py, the enrollment station) does for a user:
  GET  /graph/beta/users/{id}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=10)
  soft authenticator: a new P-256 key and credential id, attestation 'none', origin https://{rpId}
  POST /graph/beta/users/{id}/authentication/fido2Methods            -> 201
and with --new-user it first creates the user (POST /users -> 201): provisioning a new employee with a passkey.
It counts only when every call answers as it must. Closed loop at --conc clients (processes x threads, keep-alive
HTTP/1.1, one bootstrap-client token), for --duration seconds after --warmup; prints registrations/s,
p50/p95/p99 of the whole registration, and server CPU-milliseconds per registration from /proc/<pid>/stat (the
method of signin_bench.py). The users are existing ones (e.g. seeded by seed_scale.py), each getting one more
passkey per registration; the new passkeys' private keys are thrown away.

Usage: KW_PORT=18480 python3 bench/register_bench.py --bootstrap DATA/bootstrap.json --kw-pid PID
           [--conc 8] [--duration 60] [--warmup 10] [--new-user] [--users-prefix kwscale] [--label X] [--json FILE]"""
import argparse, json, multiprocessing as mp, os, secrets, sys, threading, time, urllib.parse
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kwb import Browser, Passkey, PROVISION_ORIGIN, find_jvm, unb64u
from setup import Graph, must
from signin_bench import jvm_cpu, pct


def register(b, token, user, new_user, domain):
    """One registration; None when it worked, else an error tag."""
    auth = {"Authorization": "Bearer " + token, "Accept": "application/json", "Content-Type": "application/json"}
    if new_user:
        nick = "kwreg" + secrets.token_hex(6)
        st, _, data = b.request("POST", "/graph/beta/users", json.dumps({
            "accountEnabled": True, "displayName": "Registration Bench " + nick, "userPrincipalName": f"{nick}@{domain}",
            "mailNickname": nick, "passwordProfile": {"password": "Kb1!" + secrets.token_urlsafe(12),
                                                      "forceChangePasswordNextSignIn": False}}), auth)
        if st != 201:
            return "create_user_%d" % st
        user = json.loads(data)
    uid = user["id"]
    st, _, data = b.request("GET", f"/graph/beta/users/{uid}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=10)",
                            None, auth)
    if st != 200:
        return "options_%d" % st
    opts = json.loads(data)["publicKey"]
    pk = Passkey(user_handle=opts["user"]["id"], upn=user.get("userPrincipalName"), rp_id=opts["rp"]["id"])
    if unb64u(pk.user_handle) != bytes.fromhex(uid.replace("-", "")):
        return "wrong_user_handle"
    body = {"displayName": "bench key", "publicKeyCredential": pk.create(opts["challenge"], origin=f"https://{pk.rp_id}")}
    st, _, data = b.request("POST", f"/graph/beta/users/{uid}/authentication/fido2Methods", json.dumps(body), auth)
    if st != 201:
        return "register_%d_%s" % (st, data[:120].decode(errors="replace"))
    return None


def worker(groups, token, new_user, domain, t_start, t_end, q):
    res = {"lat": [], "errors": {}}
    lock = threading.Lock()

    def run(users):
        b, n, lats, errs = Browser(timeout=60), 0, [], {}
        while True:
            begin = time.time()
            if begin >= t_end:
                break
            try:
                e = register(b, token, users[n % len(users)], new_user, domain)
            except Exception as ex:
                e = type(ex).__name__
                b.conn = None
            end = time.time()
            n += 1
            if t_start <= end < t_end:
                if e is None:
                    lats.append(end - begin)
                else:
                    errs[e] = errs.get(e, 0) + 1
        with lock:
            res["lat"] += lats
            for k, v in errs.items():
                res["errors"][k] = res["errors"].get(k, 0) + v

    ts = [threading.Thread(target=run, args=(g,)) for g in groups]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    q.put(res)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--kw-pid", type=int, required=True)
    ap.add_argument("--conc", type=int, default=8)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=10)
    ap.add_argument("--new-user", action="store_true", help="create the user too (POST /users) in every registration")
    ap.add_argument("--users-prefix", default="kwscale", help="register for existing users whose UPN starts with this")
    ap.add_argument("--users", type=int, default=4000, help="how many existing users to spread the registrations over")
    ap.add_argument("--label", default="")
    ap.add_argument("--json")
    a = ap.parse_args()
    jvm = find_jvm(a.kw_pid)
    boot = json.load(open(a.bootstrap))
    g = Graph(boot)
    domain = boot["adminUserPrincipalName"].split("@", 1)[1]
    users = []
    if not a.new_user:
        path = "/users?$top=999&$select=id,userPrincipalName"
        while path and len(users) < a.users:
            js = must(g("GET", path), "list users")
            users += [u for u in js["value"] if u["userPrincipalName"].lower().startswith(a.users_prefix)]
            link = js.get("@odata.nextLink")
            path = link.split("/graph/beta", 1)[1] if link else None
        users = users[:a.users]
        if len(users) < a.conc:
            raise SystemExit(f"only {len(users)} users start with {a.users_prefix}; seed some (seed_scale.py) or use --new-user")
    groups = [users[i::a.conc] or [None] for i in range(a.conc)]
    procs = min(a.procs, a.conc)
    t0 = time.time() + 1.0
    t_start, t_end = t0 + a.warmup, t0 + a.warmup + a.duration
    q, ps = mp.Queue(), []
    for p in range(procs):
        ps.append(mp.Process(target=worker, args=(groups[p::procs], g.token, a.new_user, domain, t_start, t_end, q)))
    for p in ps:
        p.start()
    time.sleep(max(0, t_start - time.time()))
    w0, c0, load0 = time.time(), jvm_cpu(jvm), open("/proc/loadavg").read().split()[0]
    time.sleep(max(0, t_end - time.time()))
    w1, c1 = time.time(), jvm_cpu(jvm)
    results = [q.get() for _ in ps]
    for p in ps:
        p.join()
    lat = sorted(x for r in results for x in r["lat"])
    errs = {}
    for r in results:
        for k, v in r["errors"].items():
            errs[k] = errs.get(k, 0) + v
    n = len(lat)
    out = {"label": a.label, "flow": ("create user > " if a.new_user else "") + "creationOptions > register",
           "conc": a.conc, "window_s": round(w1 - w0, 1), "registrations": n, "errors": errs,
           "registrations_per_s": round(n / a.duration, 1), "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95),
           "p99_ms": pct(lat, 99), "jvm_pid": jvm, "jvm_cores_busy": round((c1["total"] - c0["total"]) / (w1 - w0), 2),
           "cpu_ms_per_registration": round((c1["total"] - c0["total"]) / n * 1000, 2) if n else None,
           "load_avg_1m": load0}
    print(json.dumps(out), flush=True)
    if a.json:
        with open(a.json, "a") as f:
            f.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
