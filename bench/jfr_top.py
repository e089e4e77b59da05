#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples: self (top frame) and cumulative (anywhere in the stack,
counted once per sample), plus cumulative shares of a few named areas of the sign-in path.
Usage: python3 bench/jfr_top.py RECORDING.jfr [--top 25] [--jfr /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr]"""
import argparse, collections, re, subprocess

AREAS = [  # (label, regex on a frame); a sample counts once per area
    ("RSA (RS256 signing/verify)", r"sun\.security\.rsa\.|RSASSA"),
    ("EC (ES256)", r"sun\.security\.ec\.|ECDSA"),
    ("HMAC", r"HmacCore|\.Mac\.doFinal|MACSigner|MACVerifier"),
    ("webauthn4j", r"^com\.webauthn4j\."),
    ("Hibernate", r"^org\.hibernate\."),
    ("JDBC driver (H2/PostgreSQL)", r"^org\.h2\.|^org\.postgresql\."),
    ("JTA (Narayana)", r"^com\.arjuna\."),
    ("Jackson", r"^com\.fasterxml\.jackson\.|^tools\.jackson\."),
    ("nimbus-jose-jwt", r"^com\.nimbusds\."),
    ("Undertow/XNIO (HTTP)", r"^io\.undertow\.|^org\.xnio\."),
    ("RESTEasy", r"^org\.jboss\.resteasy\."),
    ("Weld (CDI)", r"^org\.jboss\.weld\."),
    ("logging", r"^org\.jboss\.logmanager\.|^java\.util\.logging\."),
    ("Keyward code", r"^io\.keyward\."),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording"); ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--jfr", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr")
    a = ap.parse_args()
    out = subprocess.run([a.jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", a.recording],
                         capture_output=True, text=True, check=True).stdout
    samples = []
    for block in out.split("jdk.ExecutionSample {")[1:]:
        frames = re.findall(r"^\s+([\w$.<>/]+)\(.*\)\s+line:", block, re.M)
        if frames:
            samples.append(frames)
    n = len(samples)
    self_c, cum_c, area_c = collections.Counter(), collections.Counter(), collections.Counter()
    for frames in samples:
        self_c[frames[0]] += 1
        for f in set(frames):
            cum_c[f] += 1
        for label, rx in AREAS:
            if any(re.search(rx, f) for f in frames):
                area_c[label] += 1
    print(f"{n} execution samples")
    print("\n| self % | top frame |\n|---:|---|")
    for f, c in self_c.most_common(a.top):
        print(f"| {100 * c / n:.1f} | `{f}` |")
    print("\n| cumulative % | frame (Keyward, JDK crypto, DB and framework entry points) |\n|---:|---|")
    shown = 0
    for f, c in cum_c.most_common():
        if re.search(r"^io\.keyward\.|sun\.security\.(rsa|ec)\.|^org\.hibernate\.engine\.transaction|TransactionImple\.commit|"
                     r"^org\.hibernate\.internal\.SessionImpl\.(find|persist|flush)|^com\.webauthn4j\.WebAuthnManager|"
                     r"^com\.nimbusds\.jose\.JWSObject\.(sign|verify)|^org\.h2\.mvstore\.MVStore\.(commit|store)", f):
            print(f"| {100 * c / n:.1f} | `{f}` |"); shown += 1
            if shown >= a.top: break
    print("\n| area (cumulative, once per sample) | % |\n|---|---:|")
    for label, _ in AREAS:
        print(f"| {label} | {100 * area_c[label] / n:.1f} |")

if __name__ == "__main__":
    main()
