#!/usr/bin/env python3
"""Agreement of `speclint dump` with rpm on the shared rpm corpus.

For every spec that `rpmspec -q --srpm` parses (with dist .el9, rhel 9), compare the expanded
Name, Version and Release of the main package and the set of binary package names
(`rpmspec -q --qf '%{NAME}\n'`) with speclint's model. Prints the agreement rate and every
mismatch. Usage (from the repository root, after `cargo build --release`):

    python3 scripts/rpm-agreement.py [CORPUS_DIR] [--speclint target/release/speclint] [-j N]
"""
import argparse
import concurrent.futures as cf
import json
import os
import subprocess
import sys

DEFINES = ["--define", "dist .el9", "--define", "rhel 9"]


def rpm_facts(spec):
    srpm = subprocess.run(
        ["rpmspec", "-q", "--srpm", *DEFINES, "--qf", "%{NAME}|%{VERSION}|%{RELEASE}\n", spec],
        capture_output=True, text=True, timeout=60, cwd=os.path.dirname(spec) or ".",
    )
    if srpm.returncode != 0 or not srpm.stdout.strip():
        return None
    nvr = srpm.stdout.strip().splitlines()[0].split("|")
    pkgs = subprocess.run(
        ["rpmspec", "-q", *DEFINES, "--qf", "%{NAME}\n", spec],
        capture_output=True, text=True, timeout=60, cwd=os.path.dirname(spec) or ".",
    )
    if pkgs.returncode != 0:
        return None
    return {"name": nvr[0], "version": nvr[1], "release": nvr[2], "packages": sorted(set(pkgs.stdout.split()))}


def speclint_facts(speclint, spec):
    out = subprocess.run([speclint, "dump", *DEFINES, spec], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        return {"error": out.stderr.strip()}
    m = json.loads(out.stdout)
    p = m["packages"]
    return {
        "name": p[0]["name"],
        "version": p[0].get("version") or "",
        "release": p[0].get("release") or "",
        # `rpmspec -q` lists every package the spec declares, with or without %files
        "packages": sorted({x["name"] for x in p}),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join("..", "shared", "corpus", "rpm"))
    ap.add_argument("--speclint", default=os.path.abspath(os.path.join("target", "release", "speclint")))
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    if subprocess.run(["which", "rpmspec"], capture_output=True).returncode != 0:
        print("rpmspec is not installed (apt-get install -y rpm): skipped")
        return 0
    specs = sorted(
        os.path.abspath(os.path.join(d, f)) for d, _, fs in os.walk(args.corpus) for f in fs if f.endswith(".spec")
    )

    def one(spec):
        r = rpm_facts(spec)
        if r is None:
            return spec, None, None
        return spec, r, speclint_facts(args.speclint, spec)

    total = agree = 0
    skipped = 0
    # Files whose differing values hold `%(shell)` or `%{lua:}` that speclint does not run:
    # rpm's answer there depends on the host (installed commands, today's date), so they are
    # listed separately instead of being counted as parser disagreements.
    dynamic = []
    fields = {"name": 0, "version": 0, "release": 0, "packages": 0}
    mismatches = []
    with cf.ThreadPoolExecutor(args.j) as ex:
        for spec, r, s in ex.map(one, specs):
            if r is None:
                skipped += 1
                continue
            total += 1
            diff = [k for k in fields if s.get(k) != r[k]]
            for k in fields:
                if k not in diff:
                    fields[k] += 1
            if diff:
                opaque = all(
                    any(m in str(s.get(k, "")) for m in ("%(", "%{lua:", "%[")) for k in diff
                )
                (dynamic if opaque else mismatches).append((spec, diff, r, s))
            else:
                agree += 1
    for spec, diff, r, s in dynamic:
        print(f"SHELL    {spec}")
        for k in diff:
            print(f"    {k}: rpm {r[k]!r} / speclint {s.get(k, s.get('error'))!r}")
    for spec, diff, r, s in mismatches:
        print(f"MISMATCH {spec}")
        for k in diff:
            print(f"    {k}: rpm {r[k]!r} / speclint {s.get(k, s.get('error'))!r}")
    print(f"\n{len(specs)} specs; rpmspec parsed {total} ({skipped} rejected by rpmspec, not compared)")
    for k, n in fields.items():
        print(f"  {k:9} {n}/{total} ({100.0 * n / max(total, 1):.2f}%)")
    print(f"agreement on all four: {agree}/{total} ({100.0 * agree / max(total, 1):.2f}%)")
    decidable = total - len(dynamic)
    print(
        f"  of which {len(dynamic)} differ only where the spec runs %(shell)/%{{lua:}} code "
        f"(host-dependent; speclint keeps it unexpanded); on the {decidable} statically decidable "
        f"files: {agree}/{decidable} ({100.0 * agree / max(decidable, 1):.2f}%)"
    )
    print(f"  real mismatches (listed above as MISMATCH): {len(mismatches)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
