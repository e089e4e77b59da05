"""Create N bench users in Keyward and provision one discoverable ES256 passkey per user the way an admin
(or a bulk-provisioning tool) does it through the Graph API, with the bootstrap client of start-dev:
  POST /graph/beta/users                                              (user kwbench0000@<tenant domain>, ...)
  GET  /graph/beta/users/{id}/authentication/fido2Methods/creationOptions
  soft authenticator: P-256 key, random 32-byte credential id, attestation 'none',
       clientDataJSON.origin = https://{rpId} (what provisioning clients put there), counter 0
  POST /graph/beta/users/{id}/authentication/fido2Methods            -> 201
Plus one extra user kwbench-neg whose passkey only negcheck.py uses (its controls may flag that passkey).
Rerunnable: existing bench users are kept and their passkeys deleted first. Writes the private keys etc. to
--out (default ./passkeys.json, git-ignored) and resets ./counters.json.
With --oidc-client it also registers a public client app (PKCE, redirect URI http://localhost:9/bench) through Graph
POST /applications and writes oidc-client.json for signin_bench.py --oidc (authorize -> code -> token).
Usage: python3 setup.py --bootstrap $KW_DATA/bootstrap.json [--users 50] [--out passkeys.json] [--oidc-client]"""
import argparse, json, os, secrets, sys, time, urllib.error, urllib.parse, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kwb import *

class Graph:
    def __init__(self, boot):
        self.boot = boot
        self.base = boot["graphBaseUrl"].rstrip("/").rsplit("/", 1)[0] + "/beta"   # .../graph/beta
        d = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": boot["clientId"],
                                    "client_secret": boot["clientSecret"], "scope": "https://graph.microsoft.com/.default"}).encode()
        self.token = json.load(urllib.request.urlopen(boot["tokenEndpoint"], d, timeout=30))["access_token"]
    def __call__(self, method, path, body=None, ok=(200, 201, 204)):
        req = urllib.request.Request(self.base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + self.token, "Accept": "application/json",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                raw = r.read(); return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try: js = json.loads(raw)
            except ValueError: js = raw[:300]
            return e.code, js

def must(res, what, ok=(200, 201, 204)):
    st, js = res
    if st not in ok: raise SystemExit(f"{what} -> {st} {json.dumps(js)[:600] if not isinstance(js, bytes) else js}")
    return js

def ensure_user(g, upn, display):
    st, js = g("GET", "/users/" + urllib.parse.quote(upn))
    if st == 200:
        uid = js["id"]
        for m in must(g("GET", f"/users/{uid}/authentication/fido2Methods"), "list passkeys").get("value", []):
            must(g("DELETE", f"/users/{uid}/authentication/fido2Methods/{m['id']}"), "delete old passkey")
        return uid, False
    u = must(g("POST", "/users", {"accountEnabled": True, "displayName": display, "userPrincipalName": upn,
                                 "mailNickname": upn.split("@")[0].replace("-", ""),
                                 "passwordProfile": {"password": "Kb1!" + secrets.token_urlsafe(12),
                                                     "forceChangePasswordNextSignIn": False}}), "create user " + upn)
    return u["id"], True

def provision(g, uid, upn, label):
    opts = must(g("GET", f"/users/{uid}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=10)"),
                "creationOptions " + upn)
    pkopt = opts["publicKey"]
    sel = pkopt.get("authenticatorSelection", {})
    assert any(p.get("alg") == -7 for p in pkopt.get("pubKeyCredParams", [])), pkopt.get("pubKeyCredParams")
    pk = Passkey(user_handle=pkopt["user"]["id"], upn=upn, rp_id=pkopt["rp"]["id"])
    assert unb64u(pk.user_handle) == bytes.fromhex(uid.replace("-", "")), ("user handle is not the object id", pk.user_handle, uid)
    m = must(g("POST", f"/users/{uid}/authentication/fido2Methods",
               {"displayName": label, "publicKeyCredential": pk.create(pkopt["challenge"], origin=f"https://{pk.rp_id}")}),
             "register passkey " + upn)
    d = pk.to_json(); d.update({"user_id": uid, "method_id": m["id"]})
    return d, sel, m

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", default=os.path.join(os.environ.get("KW_DATA", "data"), "bootstrap.json"),
                    help="bootstrap.json of the Keyward instance (default $KW_DATA/bootstrap.json)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--out", default=os.path.join(HERE, "passkeys.json"))
    ap.add_argument("--oidc-client", action="store_true", help="also register the bench's OpenID Connect client app")
    ap.add_argument("--oidc-only", action="store_true", help="only register the OpenID Connect client app")
    a = ap.parse_args()
    boot = json.load(open(a.bootstrap))
    port = urllib.parse.urlsplit(boot["graphBaseUrl"]).port
    if port != KW_PORT: raise SystemExit(f"bootstrap.json is for port {port} but KW_PORT={KW_PORT}; export KW_PORT={port}")
    g = Graph(boot)
    pol = must(g("GET", "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2"), "read fido2 policy")
    print("fido2 policy: state=%s selfService=%s attestationEnforced=%s keyRestrictions.isEnforced=%s includeTargets=%s" % (
        pol.get("state"), pol.get("isSelfServiceRegistrationAllowed"), pol.get("isAttestationEnforced"),
        pol.get("keyRestrictions", {}).get("isEnforced"), [t.get("id") for t in pol.get("includeTargets", [])]))
    if pol.get("state") != "enabled" or not pol.get("isSelfServiceRegistrationAllowed") or pol.get("isAttestationEnforced"):
        raise SystemExit("the passkey policy must be enabled, allow self-service (admin provisioning needs it) and not "
                         "enforce attestation (this soft key uses attestation 'none'); it is not the start-dev default")
    if a.oidc_client or a.oidc_only:
        redirect = "http://localhost:9/bench"
        app = must(g("POST", "/applications", {"displayName": "Sign-in bench", "isFallbackPublicClient": True,
                                                "publicClient": {"redirectUris": [redirect]}}), "register the bench app")
        client = {"clientId": app["appId"], "redirectUri": redirect,
                  "authorizePath": f"/{boot['tenantId']}/oauth2/v2.0/authorize", "tokenPath": f"/{boot['tenantId']}/oauth2/v2.0/token"}
        json.dump(client, open(os.path.join(os.path.dirname(os.path.abspath(a.out)), "oidc-client.json"), "w"), indent=1)
        print("registered the bench app", client["clientId"], "-> oidc-client.json")
        if a.oidc_only:
            sys.exit(0)
    domain = boot["adminUserPrincipalName"].split("@", 1)[1]
    users = [(f"kwbench{i:04d}@{domain}", f"Bench User {i}", "load") for i in range(a.users)] + \
            [(f"kwbench-neg@{domain}", "Bench Negative Control", "neg")]
    t = time.time(); creds = []; created = 0
    for upn, display, role in users:
        uid, new = ensure_user(g, upn, display); created += new
        d, sel, m = provision(g, uid, upn, "softkey " + upn.split("@")[0])
        d["role"] = role; creds.append(d)
    print(f"{len(users)} users ({created} created, {len(users) - created} reused) and {len(creds)} passkeys provisioned "
          f"via Graph in {time.time() - t:.1f}s")
    print("creationOptions.authenticatorSelection:", json.dumps(sel))
    print("last passkey as Graph shows it:", json.dumps({k: m.get(k) for k in ("displayName", "aaGuid", "model",
          "attestationLevel", "passkeyType", "registeredUserPrincipalName")}))
    json.dump(creds, open(a.out, "w"), indent=1)
    cp = os.path.join(os.path.dirname(os.path.abspath(a.out)), "counters.json")
    if os.path.exists(cp): os.remove(cp)
    print("wrote", a.out, "(counters.json reset)")
