#!/usr/bin/env python3
"""Compare speclint's `rpm` policy with rpmlint (Debian's rpmlint 2.4) per (file, check).

For every spec in the corpus, runs `rpmlint FILE.spec` (one process per file, since rpmlint
prints only base names) and `speclint --policy rpm --format json` once, maps rpmlint ids to
speclint rule ids, and prints precision and recall per check and overall. A pair counts when
the check reports the file at least once (line numbers are compared separately, as a figure).

    python3 scripts/rpmlint-compare.py [CORPUS_DIR] [--speclint PATH] [-j N] [--rpmlint-cache FILE]

rpmlint ids that speclint implements under another name are mapped (MAP); ids that speclint
deliberately does not report are listed with the reason (NOT_PORTED) and excluded from the
shared precision/recall; the overall recall including them is printed too.
"""
import argparse
import collections
import concurrent.futures as cf
import json
import os
import re
import subprocess
import sys

MAP = {
    "macro-in-%changelog": "rpm/macro-in-changelog",
    "superfluous-%clean-section": "rpm/superfluous-clean-section",
    "buildprereq-use": "rpm/prereq-use",
    "more-than-one-%changelog-section": "rpm/more-than-one-changelog-section",
}

# rpmlint checks speclint does not port, and why (see README, "rpmlint parity").
NOT_PORTED = {
    "specfile-error": "rpmlint runs rpm (and its %(shell)) and reports rpm's stderr; speclint never executes a spec, and reports its own parse errors as parse-error",
    "no-buildroot-tag": "obsolete advice: rpm >= 4.6 ignores BuildRoot; speclint reports the opposite (rpm/buildroot-tag)",
    "no-%build-section": "modern specs without a build step (noarch, %pyproject) legitimately have none",
    "no-%prep-section": "specs packaging prebuilt or generated files legitimately have none",
    "no-%install-section": "metapackages legitimately have none",

    "lib-package-without-%mklibname": "a Mandriva naming rule, not applicable to RHEL/Fedora",
    "non-standard-group": "ValidGroups is empty by default, so rpmlint never fires it either",
    "use-of-RPM_SOURCE_DIR": "ported as rpm/use-of-rpm-source-dir",
}
NOT_PORTED.pop("use-of-RPM_SOURCE_DIR")
MAP["use-of-RPM_SOURCE_DIR"] = "rpm/use-of-rpm-source-dir"

# Every id rpmlint 2.4's SpecCheck can emit on a .spec (research/peers.md, section 1).
RPMLINT_SPEC_IDS = {
    "specfile-error", "non-utf8-spec-file", "use-of-RPM_SOURCE_DIR", "rpm-buildroot-usage", "hardcoded-library-path",
    "superfluous-%clean-section", "lib-package-without-%mklibname", "prereq-use", "buildprereq-use",
    "forbidden-controlchar-found", "buildarch-instead-of-exclusivearch-tag", "no-buildroot-tag",
    "hardcoded-path-in-buildroot-tag", "hardcoded-packager-tag", "hardcoded-prefix-tag", "obsolete-tag",
    "no-%prep-section", "no-%build-section", "no-%install-section", "more-than-one-%changelog-section",
    "setup-not-quiet", "setup-not-in-prep", "%autosetup-not-in-prep", "%autopatch-not-in-prep", "patch-not-applied",
    "%ifarch-applied-patch", "patch-fuzz-is-changed", "configure-without-libdir-spec",
    "make-check-outside-check-section", "macro-in-%changelog", "macro-in-comment", "mixed-use-of-spaces-and-tabs",
    "non-break-space", "unversioned-explicit-provides", "unversioned-explicit-obsoletes",
    "comparison-operator-in-deptoken", "depscript-without-disabling-depgen", "libdir-macro-in-noarch-package",
    "deprecated-grep", "non-standard-group", "python-setup-test", "invalid-url",
}

def rpmlint_mistake(rule, spec_text, messages):
    """Why an rpmlint finding that speclint does not make is rpmlint's mistake, or None.

    Each reason is checked against the spec or rpmlint's own message, never assumed."""
    if rule == "rpm/patch-not-applied":
        # rpmlint 2.4 reads `%patch N` and `%patch -PN` (rpm >= 4.18 forms) as not applying N
        if re.search(r"^\s*%patch\s+(-P)?\d|^\s*%patch.*\s-P\d", spec_text, re.M):
            return "rpmlint 2.4 does not understand `%patch N` / `-PN` (rpm >= 4.18)"
    if rule == "rpm/hardcoded-library-path":
        # the arch-independent /usr/lib trees speclint's rule exempts (see the rule's docs)
        arch_indep = re.compile(r"/lib/(systemd|tmpfiles\.d|sysusers\.d|sysctl\.d|modprobe\.d|modules-load\.d|binfmt\.d|udev|firmware|modules|debug|rpm|dracut|kernel|python[0-9.*]*|jvm|java|mime|cups|sendmail|fonts|locale|X11|yum-plugins|dnf-plugins|NetworkManager|sddm|node_modules|perl5)(/|$|\s)")
        if messages and all(arch_indep.search(m) for m in messages):
            return "rpmlint flags /usr/lib trees that are arch-independent by design (tmpfiles.d, systemd, udev, python...)"
    if rule == "rpm/macro-in-comment":
        names = [re.sub(r".*macro-in-comment\s+", "", m).strip() for m in messages]
        if names and all(re.match(r"%\{?(include|patch\d*|setup|autosetup|autopatch|if|else|endif|package|description|files|prep|build|install|check|changelog|define|global)\b", n) for n in names):
            return "rpmlint counts directives (%include, %patch, %if...) as macros; rpm does not expand them in comments"
    return None


LINE = re.compile(r"^(?P<path>.+?\.spec)(?::(?P<line>\d+))?: (?P<lvl>[EWI]): (?P<id>\S+)")


def rpmlint_one(spec):
    out = subprocess.run(["rpmlint", spec], capture_output=True, text=True, timeout=300)
    base = os.path.basename(spec)
    found = []
    for l in out.stdout.splitlines():
        m = LINE.match(l)
        if m and os.path.basename(m.group("path")) == base:
            found.append((spec, m.group("id"), int(m.group("line")) if m.group("line") else None, l))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join("..", "shared", "corpus", "rpm"))
    ap.add_argument("--speclint", default=os.path.join("target", "release", "speclint"))
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--rpmlint-cache", help="read/write rpmlint findings here (JSON)")
    ap.add_argument("--show", metavar="RULE", help="list the files where the tools disagree on RULE")
    args = ap.parse_args()
    if subprocess.run(["which", "rpmlint"], capture_output=True).returncode != 0:
        print("rpmlint is not installed (apt-get install -y rpmlint): skipped")
        return 0
    specs = sorted(os.path.abspath(os.path.join(d, f)) for d, _, fs in os.walk(args.corpus) for f in fs if f.endswith(".spec"))

    if args.rpmlint_cache and os.path.exists(args.rpmlint_cache):
        rl = [tuple(x) for x in json.load(open(args.rpmlint_cache))]
    else:
        rl = []
        with cf.ThreadPoolExecutor(args.j) as ex:
            for found in ex.map(rpmlint_one, specs):
                rl.extend(found)
        if args.rpmlint_cache:
            json.dump(rl, open(args.rpmlint_cache, "w"))

    sl_out = subprocess.run([args.speclint, "--policy", "rpm", "--format", "json", "--fail-on", "never", args.corpus], capture_output=True, text=True)
    sl = [(os.path.abspath(d["path"]), d["rule"], d["line"]) for d in json.loads(sl_out.stdout)]
    rules_json = subprocess.run([args.speclint, "rules", "--policy", "rpm", "--format", "json"], capture_output=True, text=True).stdout
    ported_rules = {r["id"] for r in json.loads(rules_json)}

    def to_rule(rid):
        return MAP.get(rid, "rpm/" + rid)

    # Checks rpmlint makes on rpm's own parse of the spec: when rpm cannot parse the file,
    # rpmlint's silence is not a verdict, so those files are compared separately.
    RPM_PARSED = {"rpm/invalid-url"}
    cant_parse = {x[0] for x in rl if x[1] == "specfile-error" and "can't parse" in (x[3] if len(x) > 3 else "")}
    rl_pairs = collections.defaultdict(set)  # rule -> files
    rl_lines = collections.defaultdict(set)
    unported = collections.Counter()
    for path, rid, line, *_ in rl:
        if rid in NOT_PORTED or to_rule(rid) not in ported_rules:
            unported[rid] += 1
            continue
        rl_pairs[to_rule(rid)].add(path)
        rl_lines[to_rule(rid)].add((path, line))
    sl_pairs = collections.defaultdict(set)
    sl_lines = collections.defaultdict(set)
    beyond = collections.Counter()
    for path, rule, line in sl:
        if rule in RPM_PARSED and path in cant_parse:
            beyond[rule] += 1
            continue
        sl_pairs[rule].add(path)
        sl_lines[rule].add((path, line))

    # the checks both tools have: every rpmlint id that maps to a speclint rule
    shared = sorted(set(rl_pairs) | {to_rule(x) for x in MAP} & ported_rules | {r for r in ported_rules if r.removeprefix("rpm/") in RPMLINT_SPEC_IDS})
    shared = [r for r in shared if r in ported_rules]
    tp_all = fp_all = fn_all = 0
    print(f"{'check':45} {'rpmlint':>8} {'speclint':>8} {'both':>6} {'precision':>9} {'recall':>7}")
    for r in shared:
        a, b = rl_pairs.get(r, set()), sl_pairs.get(r, set())
        tp, fp, fn = len(a & b), len(b - a), len(a - b)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        prec = 100.0 * tp / (tp + fp) if tp + fp else 100.0
        rec = 100.0 * tp / (tp + fn) if tp + fn else 100.0
        print(f"{r:45} {len(a):8} {len(b):8} {tp:6} {prec:8.1f}% {rec:6.1f}%")
    # Explain the only-rpmlint pairs that are rpmlint's mistakes.
    messages = collections.defaultdict(list)
    for x in rl:
        if len(x) > 3:
            messages[(x[0], to_rule(x[1]))].append(x[3])
    explained = collections.Counter()
    for r in shared:
        for f in rl_pairs.get(r, set()) - sl_pairs.get(r, set()):
            try:
                text = open(f, encoding="utf-8", errors="replace").read()
            except OSError:
                continue
            why = rpmlint_mistake(r, text, messages[(f, r)])
            if why:
                explained[(r, why)] += 1
    if args.show:
        a, b = rl_pairs.get(args.show, set()), sl_pairs.get(args.show, set())
        for f in sorted(b - a):
            print(f"  only speclint: {f}")
        for f in sorted(a - b):
            print(f"  only rpmlint:  {f}")
    prec = 100.0 * tp_all / max(tp_all + fp_all, 1)
    rec = 100.0 * tp_all / max(tp_all + fn_all, 1)
    print(f"\noverall on shared checks (per file and check): precision {prec:.2f}%, recall {rec:.2f}% "
          f"({tp_all} agreed, {fp_all} only speclint, {fn_all} only rpmlint)")
    n_expl = sum(explained.values())
    print(f"explained only-rpmlint pairs (rpmlint false positives, or a deliberate narrowing): {n_expl}")
    for (r, why), n in explained.most_common():
        print(f"  {r:40} {n:5}  {why}")
    print(f"recall without the explained pairs: {100.0 * tp_all / max(tp_all + fn_all - n_expl, 1):.2f}%")
    unported_files = sum(unported.values())
    print(f"recall counting the rpmlint checks speclint does not port: {100.0 * tp_all / max(tp_all + fn_all + unported_files, 1):.2f}%")
    for r, n in beyond.items():
        print(f"{r}: {n} findings on files rpm could not parse, where rpmlint cannot run the check (not compared)")
    print("\nrpmlint checks not ported (findings):")
    for rid, n in unported.most_common():
        print(f"  {rid:40} {n:6}  {NOT_PORTED.get(rid, 'not implemented yet')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
