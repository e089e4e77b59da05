#!/usr/bin/env python3
"""Bulk seeding of a Keyward PostgreSQL database for the scale measurements (docs/performance.md, "Scale"):
users, passkeys and sign-in log rows, written by PostgreSQL itself (INSERT ... SELECT over generate_series, run with
psql), so that 100k users / 1M passkeys / 1M sign-in log rows take minutes, not the hours the Graph API would.

The rows follow the schema of the Flyway migrations and the formats Keyward writes:
  directory_user   Member accounts <prefix>NNNNNN@<tenant domain>, enabled, no password, change_seq taken from
                   directory_change_counter (so /users/delta sees them), ids as in Java (random, version 4 layout)
  passkey          --passkeys spread evenly over the users; each its own credential id (unique), all sharing ONE
                   valid stored credential (webauthn4j attested credential data, base64url: AAGUID, credential id,
                   COSE ES256 key of a P-256 key generated here); AAGUIDs from 12 models with a skewed spread,
                   'packed' + attested or 'none' + notAttested, last used in the last --days days or never
  sign_in_log      --sign-ins rows spread evenly over the last --days days, ids time-ordered (UUID version 7 of
                   created_at, as TimeOrderedIds writes them), each a passkey sign-in of a seeded user with one of
                   their passkeys' credential id and AAGUID on Keyward's sign-in pages; 4 % refused (reason codes
                   of real refusals, errorCode as SignInEntry writes them)
The seeded users never sign in: the bench users that do (bench/setup.py, through Graph, each with its own key)
are created before or after, independently. Rerunnable: with --replace the rows of earlier seeding (users with the
prefix, their passkeys by cascade, their sign-in log rows) are deleted first, without delta tombstones: for bench
databases only. Without it a second run refuses.

Prerequisite: Keyward has started once on the database (Flyway created the schema and the tenant).
Usage:  python3 bench/seed_scale.py [--db 'host=127.0.0.1 user=postgres dbname=keyward_scale']
            [--users 100000] [--passkeys 1000000] [--sign-ins 1000000] [--days 90] [--replace]"""
import argparse, os, struct, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kwb import Passkey, b64u

# Twelve models (AAGUIDs need not be real: the inventory reports what it finds) and their weight in 100.
MODELS = [("cb69481e-8ff7-4039-93ec-0a2729a154a8", 30), ("ee882879-721c-4913-9775-3dfcce97072a", 20),
          ("fa2b99dc-9e39-4257-8f92-4a30d23c4118", 12), ("2fc0579f-8113-47ea-b116-bb5a8db9202a", 10),
          ("73bb0cd4-e502-49b8-9c6f-b59445bf720b", 8), ("c5ef55ff-ad9a-4b9f-b580-adebafe026d0", 5),
          ("d8522d9f-575b-4866-88a9-ba99fa02f35b", 4), ("08987058-cadc-4b81-b6e1-30de50dcbe96", 4),
          ("9ddd1817-af5a-4672-a2b9-3e3dd95000a9", 3), ("adce0002-35bc-c60a-648b-0b25f1f05503", 2),
          ("00000000-0000-0000-0000-000000000000", 1), ("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4", 1)]
ATTESTED_MODELS = 8           # the first eight models register with 'packed' attestation (attested), the rest 'none'
FAILURE_ERROR_CODE = 500121   # audit/SignInEntry.FAILURE_ERROR_CODE, read from the source below; this is the fallback
REFUSALS = ["signCountRegression", "credentialNotFound", "userNotInPasskeyPolicyScope", "accountDisabled"]


def psql(db, sql, *, capture=False):
    r = subprocess.run(["psql", db, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At"], input=sql, text=True,
                       capture_output=True)
    if r.returncode:
        raise SystemExit("psql failed:\n" + r.stderr)
    return r.stdout.strip()


def stored_credential(aaguid_hex="00" * 16):
    """One valid stored credential value, as Registrations writes it: base64url of webauthn4j's attested credential
    data (16-byte AAGUID, 2-byte length, credential id, COSE key)."""
    pk = Passkey()
    return b64u(bytes.fromhex(aaguid_hex) + struct.pack(">H", len(pk.cred_id)) + pk.cred_id + pk.cose_pub())


def failure_error_code():
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server", "src", "main", "java", "io", "keyward",
                       "server", "audit", "SignInEntry.java")
    try:
        for line in open(src):
            if "FAILURE_ERROR_CODE =" in line:
                return int(line.split("=")[1].strip().rstrip(";"))
    except (OSError, ValueError):
        pass
    return FAILURE_ERROR_CODE


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="host=127.0.0.1 user=postgres dbname=keyward_scale", help="libpq connection string")
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--passkeys", type=int, default=1_000_000)
    ap.add_argument("--sign-ins", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=90, help="the sign-in log and last-used times span this many days")
    ap.add_argument("--prefix", default="kwscale", help="user principal names <prefix>NNNNNN@<domain>")
    ap.add_argument("--replace", action="store_true", help="delete an earlier seeding with this prefix first")
    a = ap.parse_args()
    if a.users < 1 or a.passkeys < a.users:
        raise SystemExit("--passkeys must be at least --users (every seeded user gets a passkey)")
    domain = psql(a.db, "select default_domain from tenant limit 1;")
    if not domain:
        raise SystemExit("no tenant in the database: start Keyward on it once first (Flyway creates the schema)")
    existing = int(psql(a.db, f"select count(*) from directory_user where upn_key like '{a.prefix}%';"))
    if existing and not a.replace:
        raise SystemExit(f"{existing} users with the prefix {a.prefix} exist already; pass --replace to seed again")
    rows, lo = [], 0
    for n, (g, w) in enumerate(MODELS):
        rows.append(f"('{g}'::uuid, {lo}, {lo + w}, {'true' if n < ATTESTED_MODELS else 'false'})")
        lo += w
    assert lo == 100, "model weights must add up to 100"
    model_table = ("create temporary table seed_model (aaguid uuid, lo int, hi int, attested boolean);\n"
                   "insert into seed_model values " + ", ".join(rows) + ";\n")
    refusals = "array[" + ",".join(f"'{r}'" for r in REFUSALS) + "]"
    per_user = a.passkeys / a.users
    steps = []
    if existing:
        steps.append(("delete the earlier seeding", f"""
            delete from sign_in_log where user_principal_name like '{a.prefix}%';
            delete from directory_user where upn_key like '{a.prefix}%';"""))
    # Users: k = 1..users. Ids: md5 of a per-run nonce and k, in the version-4 layout, so that they spread over the id
    # space like Java's UUID.randomUUID (Graph pages by id) and a rerun never collides with a deleted one.
    nonce = os.urandom(8).hex()
    uid = f"(overlay(overlay(md5('{nonce}u' || k) placing '4' from 13) placing '8' from 17))::uuid"
    steps.append(("users", f"""
        with c as (update directory_change_counter set last_value = last_value + {a.users} where id = 1
                   returning last_value - {a.users} as base)
        insert into directory_user (id, user_principal_name, upn_key, display_name, given_name, surname, mail, user_type,
                                    account_enabled, created_at, version, change_seq)
        select {uid}, '{a.prefix}' || lpad(k::text, 6, '0') || '@{domain}', '{a.prefix}' || lpad(k::text, 6, '0') || '@{domain}',
               'Scale User ' || k, 'Scale', 'User ' || k, '{a.prefix}' || lpad(k::text, 6, '0') || '@{domain}', 'Member',
               true, now() - interval '{a.days} days' - (k || ' seconds')::interval, 0, c.base + k
        from generate_series(1, {a.users}) k, c;"""))
    # Passkeys: j = 0..passkeys-1 belongs to user k = j % users + 1; its model from a hash of j (weights of MODELS).
    cred = stored_credential()
    steps.append(("passkeys", f"""
        insert into passkey (id, user_id, credential_id, display_name, aaguid, credential_record, sign_count,
                             attestation_format, attestation_level, attestation_certificates, transports, backup_eligible,
                             backup_state, registered_upn, created_at, last_used_at, suspect_reason, version)
        select (overlay(overlay(md5('{nonce}p' || j) placing '4' from 13) placing '8' from 17))::uuid::text,
               (overlay(overlay(md5('{nonce}u' || (j % {a.users} + 1)) placing '4' from 13) placing '8' from 17))::uuid,
               rtrim(translate(encode(sha256(('{nonce}c' || j)::bytea), 'base64'), '+/', '-_'), '='),
               'Security key ' || (j / {a.users} + 1), m.aaguid, '{cred}', 0,
               case when m.attested then 'packed' else 'none' end, case when m.attested then 'attested' else 'notAttested' end,
               '', 'usb', false, false,
               '{a.prefix}' || lpad((j % {a.users} + 1)::text, 6, '0') || '@{domain}',
               now() - interval '{a.days} days', case when j % 3 = 0 then null
                   else now() - ((j::bigint * 7919) % ({a.days} * 86400) || ' seconds')::interval end, null, 0
        from generate_series(0, {a.passkeys - 1}) j
        join seed_model m on (('x' || substr(md5('{nonce}m' || j), 1, 6))::bit(24)::int % 100) >= m.lo
                         and (('x' || substr(md5('{nonce}m' || j), 1, 6))::bit(24)::int % 100) < m.hi;"""))
    # Sign-in log: i = 0..sign_ins-1 at an even spacing over --days; the user and passkey from a hash of i.
    err = failure_error_code()
    steps.append(("sign-in log", f"""
        insert into sign_in_log (id, created_at, user_id, user_principal_name, upn_key, user_display_name, app_id,
                                 app_display_name, ip_address, client_app, method, method_detail, succeeded, error_code,
                                 reason_code, failure_reason, aaguid, credential_id, audit_only_reason,
                                 conditional_access_status, applied_conditional_access)
        select (lpad(to_hex((extract(epoch from t) * 1000)::bigint), 12, '0') || '7' || substr(r, 1, 3)
                || '8' || substr(r, 4, 15))::uuid,
               t, p.user_id, p.registered_upn, lower(p.registered_upn), 'Scale User ' || ltrim(substr(p.registered_upn, {len(a.prefix) + 1}, 6), '0'),
               '00000000-0000-0000-0000-00000000c0de', 'Keyward sign-in', '10.' || (i % 250) || '.' || (i / 250 % 250) || '.1',
               'Browser', 'Passkey', p.display_name, i % 25 <> 0, case when i % 25 <> 0 then 0 else {err} end,
               case when i % 25 <> 0 then null else ({refusals})[i % 4 + 1] end,
               case when i % 25 <> 0 then null else 'Seeded refusal.' end,
               p.aaguid, p.credential_id, null, 'notApplied', '[]'
        from (select i, now() - interval '{a.days} days' + ({a.days} * 86400.0 * i / {a.sign_ins} || ' seconds')::interval as t,
                     md5('{nonce}s' || i) as r,
                     overlay(overlay(md5('{nonce}p' || ((('x' || substr(md5('{nonce}s' || i), 1, 7))::bit(28)::int) % {a.passkeys}))
                             placing '4' from 13) placing '8' from 17)::uuid::text as pid
              from generate_series(0, {a.sign_ins - 1}) i) s
        join passkey p on p.id = s.pid;"""))
    steps.append(("analyze", "analyze directory_user; analyze passkey; analyze sign_in_log;"))
    t_all = time.time()
    for name, sql in steps:
        t = time.time()
        psql(a.db, "set synchronous_commit = off;\n" + (model_table if name == "passkeys" else "") + sql)
        print(f"{name}: {time.time() - t:.1f} s", flush=True)
    counts = psql(a.db, f"""select (select count(*) from directory_user), (select count(*) from passkey),
                                   (select count(*) from sign_in_log), pg_size_pretty(pg_database_size(current_database()));""")
    print(f"seeded {a.users} users, {a.passkeys} passkeys, {a.sign_ins} sign-in log rows in {time.time() - t_all:.1f} s; "
          f"the database now holds users|passkeys|sign-in rows|size: {counts}")


if __name__ == "__main__":
    main()
