#!/usr/bin/env python3
"""Compare speclint's `lmod` policy with `luac5.4 -p` and with real Lmod on the shared Lmod corpus.

    python3 scripts/lmod-compare.py [--speclint PATH] [--corpus DIR] [-j N] [--show N]

1. Syntax: every `*.lua` file of the corpus is given to `luac5.4 -p`; a file is invalid for
   speclint when it has a `parse-error` finding. The two must agree on every file (exit 1
   otherwise).
2. Lmod: every file is evaluated by Lmod itself, in a temporary copy of the corpus (Lmod executes
   modulefiles; nothing outside the copy is run), the way `check_module_tree_syntax` does it:
   `lmod bash --checkSyntax load NAME/VERSION` with `MODULEPATH` set to the directory above the
   module's own. A modulefile is `<dir>/<file>.lua`, loaded as `<dir>/<file>` from the directory
   above `<dir>`. An error Lmod attributes to another file (a broken `.modulerc.lua` beside it, a
   dependency) is not this file's: such files are evaluated again alone, at the same relative
   path, in an otherwise empty tree. `.modulerc.lua` files (and system rc files, which call only
   modulerc functions) are evaluated by loading an empty dummy module placed beside them.
   Lmod stops at the first error, so each file gets at most one error class (below); speclint
   rules are mapped to the classes they predict (RULE_CLASSES) and the script prints, per rule,
   precision (files where the rule fires and Lmod reports one of its classes / files where it
   fires and Lmod reports no error) and, per class, recall (files of the class where a mapped
   rule fires), then the file-level agreement and every disagreement with a short reason.

`--corpus rules/lmod` runs the same comparison on the rules' own fixtures and examples, which hold
at least one case for every rule with an Lmod counterpart (rules whose counterpart only a real
`module load` shows, lmod/load-self and lmod/conflict-with-dependency, are confirmed by loading
the module for real, still in the temporary copy).

Defaults: speclint is `--speclint PATH`, else $SPECLINT, else target/release/speclint; the corpus
is ../shared/corpus/lmod (relative to the repository root); the policy is policies/lmod.toml of
this repository (given as a path, so a binary built before the policy existed works too). The
script exits 0 without comparing when the corpus, `luac5.4` or Lmod is missing, and 1 when the
syntax agreement is not 100 %.
"""
import argparse
import collections
import concurrent.futures as cf
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LMOD_CANDIDATES = ["/usr/share/lmod/lmod/libexec/lmod", "/usr/share/lmod/libexec/lmod", "/opt/apps/lmod/lmod/libexec/lmod"]

# Lmod error classes (from the text of Lmod's message).
CLASS_DOC = {
    "lua-syntax": "Lua syntax error (load() refuses the file)",
    "nil-global": "attempt to call a nil value (global 'x'): a function the sandbox does not have",
    "nil-field": "attempt to call a nil value (field 'x'): a library function the sandbox does not have",
    "args-not-strings": "\"Syntax error in file ... with command: X, one or more arguments are not strings\"",
    "missing-value": "\"setenv(\"X\") is not valid; a value is required\"",
    "execute-syntax": "\"Syntax error ... with command: \"execute\"\"",
    "lmod-internal": "Lmod's own code fails on what the modulefile passed (e.g. unset_alias())",
    "runtime": "other run-time error in the modulefile (nil concatenated or indexed, bad argument to a string function...)",
    "recursion": "C stack overflow (a module loading itself; seen by a real `module load` only)",
    "conflict": "\"Cannot load module ... because these module(s) are loaded\" (seen by a real `module load` only)",
    # not applicable: not a property of the file's code
    "module-error": "the modulefile raises an error itself (LmodError, requireFullName...) by design",
    "property": "add_property() of a property the site's lmodrc.lua does not define (site configuration)",
    "exit": "the modulefile calls os.exit()",
}
NOT_APPLICABLE = {"module-error", "property", "exit"}

# speclint rule -> the Lmod error classes it predicts (on Lmod 8.6 with --checkSyntax).
RULE_CLASSES = {
    "parse-error": {"lua-syntax"},
    "lmod/unknown-function": {"nil-global"},
    "lmod/function-not-in-sandbox": {"nil-global", "nil-field"},
    "lmod/modulerc-function-in-modulefile": {"nil-global"},
    "lmod/modulefile-function-in-modulerc": {"nil-global"},
    "lmod/requires-newer-lmod": {"nil-global", "args-not-strings"},
    "lmod/wrong-arg-count": {"args-not-strings", "missing-value", "lmod-internal"},
    "lmod/wrong-arg-type": {"args-not-strings", "lmod-internal"},
    "lmod/execute-format": {"execute-syntax"},
    "lmod/table-form-args": {"args-not-strings"},
    "lmod/getenv-without-default": {"args-not-strings", "missing-value", "runtime"},
    "lmod/load-self": {"recursion"},
    "lmod/conflict-with-dependency": {"conflict"},
}
# Rules whose counterpart only a real `module load` shows (--checkSyntax skips loads and conflicts):
# where they fire, the file is also loaded for real, in the temporary copy.
REAL_LOAD_RULES = {"lmod/load-self", "lmod/conflict-with-dependency"}
# Why a rule may fire where Lmod 8.6 --checkSyntax reports nothing.
RULE_SILENT_REASON = {
    "lmod/invalid-env-name": "Lmod 8.6 does not validate variable names (8.7+ does); the shell rejects the export",
    "lmod/table-form-args": "checked by Lmod 8.7+ only",
    "lmod/load-self": "--checkSyntax does not recurse into loads; a real `module load` dies with C stack overflow",
    "lmod/conflict-with-dependency": "--checkSyntax does not evaluate conflicts; a real `module load` fails",
    "lmod/getenv-without-default": "the variable happened to be set, or the call is not reached, in the Lmod run",
    "lmod/requires-newer-lmod": "the mode-select path form is accepted (modeA ignored) by Lmod 8.6",
    "lmod/unknown-function": "the call is in a branch Lmod did not take in this run (it fails when taken)",
}
# Reasons for Lmod errors speclint does not predict, by class.
CLASS_MISSED_REASON = {
    "runtime": "depends on run-time values (environment variables, files) speclint does not evaluate",
    "lmod-internal": "depends on run-time values passed to an Lmod function",
    "nil-global": "a function defined or assigned at run time that speclint cannot resolve",
    "args-not-strings": "an argument is a variable that is nil at run time (a local assigned from os.getenv() without a default, an undefined global); the model does not give the expression a local was assigned",
}


def find_lmod():
    for c in [os.environ.get("LMOD_CMD", "")] + LMOD_CANDIDATES:
        if c and os.path.isfile(c):
            return c
    return None


def classify(msg):
    """Lmod error message (whitespace collapsed) -> class."""
    if "C stack overflow" in msg:
        return "recursion"
    if "Cannot load module" in msg and "because these module(s) are loaded" in msg:
        return "conflict"
    if 'with command: "execute"' in msg:
        return "execute-syntax"
    if "one or more arguments are not strings" in msg:
        return "args-not-strings"
    if "is not valid; a value is required" in msg:
        return "missing-value"
    if "MT:add_property()" in msg:
        return "property"
    m = re.search(r"/lmod/[^ ]*/(?:libexec|tools)/[^ ]*\.lua:\d+: ", msg)
    if m and "[string" not in msg[: m.start()]:
        return "lmod-internal"
    m = re.search(r'\[string ".*?"\]:\d+: (.*)', msg)
    if m:
        rest = m.group(1)
        if rest.startswith("attempt to call a nil value (global"):
            return "nil-global"
        if rest.startswith("attempt to call a nil value (field") or rest.startswith("attempt to call a nil value (method"):
            return "nil-field"
        if rest.startswith("attempt to") or rest.startswith("bad argument"):
            return "runtime"
        if re.search(r"near (?:'|<eof>|\S)|unfinished (?:string|long)|malformed number|unexpected symbol|expected \(to close", rest):
            return "lua-syntax"
        return "runtime"
    if "Unable to load module because of error" in msg:
        return "runtime"
    return "module-error"


def error_of(stderr, rc):
    """(message, file the error names) of one Lmod run, or (None, None)."""
    text = " ".join(stderr.split())
    m = re.search(r"Lmod has detected the following error: (.*?)(?: While processing the following module\(s\):(.*))?$", text)
    if not m:
        if rc not in (0, None) and not text:
            return ("exit status %d without a message (os.exit)" % rc), "exit"
        return None, None
    msg, stack = m.group(1).strip(), m.group(2) or ""
    named = re.search(r"(/\S+?\.lua)\b", msg)
    if named:
        return msg, named.group(1)
    rows = re.findall(r"(/\S+?\.lua)\b", stack)
    return msg, (rows[-1] if rows else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--speclint", default=os.environ.get("SPECLINT", os.path.join(REPO, "target", "release", "speclint")))
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus", "lmod"))
    ap.add_argument("--policy", default=os.path.join(REPO, "policies", "lmod.toml"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=40, help="disagreements to list per kind (default 40)")
    args = ap.parse_args()

    corpus = os.path.abspath(args.corpus)
    luac = shutil.which("luac5.4")
    lmod = find_lmod()
    missing = [what for what, ok in (("corpus " + corpus, os.path.isdir(corpus)), ("luac5.4", luac), ("Lmod (lmod libexec)", lmod)) if not ok]
    if missing:
        print("lmod-compare: skipped, missing: " + ", ".join(missing))
        return 0
    if not os.path.isfile(args.speclint):
        print("lmod-compare: speclint binary not found: %s (build it, or pass --speclint)" % args.speclint, file=sys.stderr)
        return 2

    files = sorted(os.path.relpath(os.path.join(d, f), corpus) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".lua"))
    tmp = tempfile.mkdtemp(prefix="lmod-compare-")
    try:
        return compare(args, corpus, files, luac, lmod, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare(args, corpus, files, luac, lmod, tmp):
    pool = cf.ThreadPoolExecutor(max(1, args.jobs))

    # 1. luac
    def luac_ok(rel):
        r = subprocess.run([luac, "-p", "--", os.path.join(corpus, rel)], capture_output=True, text=True, cwd=tmp)
        return rel, r.returncode == 0, r.stderr.strip()
    luac_res = {rel: (ok, err) for rel, ok, err in pool.map(luac_ok, files)}

    # 2. speclint: the whole corpus in one run (files named explicitly, hidden ones included)
    cmd = [args.speclint, "--policy", args.policy, "--format", "json", "--fail-on", "never"] + [os.path.join(corpus, f) for f in files]
    r = subprocess.run(cmd, capture_output=True, text=True)
    try:
        findings = json.loads(r.stdout)
    except ValueError:
        print("speclint failed:\n" + r.stderr[-2000:], file=sys.stderr)
        return 2
    rule_errors = [l for l in r.stderr.splitlines() if "rule-error" in l]
    by_file = collections.defaultdict(list)
    for f in findings:
        by_file[os.path.relpath(os.path.abspath(f["path"]), corpus)].append(f)
    rules_json = subprocess.run([args.speclint, "rules", "--policy", args.policy, "--format", "json"], capture_output=True, text=True).stdout
    try:
        policy_rules = {x["id"]: x for x in json.loads(rules_json)}
    except ValueError:
        policy_rules = {}

    # which files are modulerc files: speclint's own reading (dump) of their calls
    rc_funcs = {"module_version", "module_alias", "hide_version", "hide_modulefile", "hide", "forbid", "module_virtual", "hideRegex"}
    rc_helpers = {"pathJoin", "isDir", "isFile", "os.getenv", "os.clock", "os.difftime", "os.time", "os.date", "os.execute",
                  "io.stderr:write", "io.open", "io.close", "io.write", "tostring", "tonumber", "userInGroups", "myFileName"}

    def role(rel):
        if os.path.basename(rel) in (".modulerc.lua", ".modulerc"):
            return rel, "rc"
        d = subprocess.run([args.speclint, "dump", os.path.join(corpus, rel)], capture_output=True, text=True)
        try:
            calls = json.loads(d.stdout).get("calls", [])
        except ValueError:
            return rel, "modulefile"
        names = [c["name"] for c in calls if not c["in_function"] and ":" not in c["name"]]
        if names and any(n in rc_funcs for n in names) and all(n in rc_funcs or n in rc_helpers for n in names):
            return rel, "rc"
        return rel, "modulefile"
    roles = dict(pool.map(role, files))

    # 3. Lmod, in a temporary copy
    tree = os.path.join(tmp, "tree")
    shutil.copytree(corpus, tree, symlinks=True)
    for d, _, fs in os.walk(tree):
        os.chmod(d, 0o755)
        for f in fs:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                os.chmod(p, 0o644)
    home = os.path.join(tmp, "home")
    os.makedirs(home)

    def run_lmod(mpath, name, cwd, check=True):
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "USER": os.environ.get("USER", "nobody"), "LANG": "C",
               "TERM": "dumb", "MODULEPATH": mpath, "LMOD_IGNORE_CACHE": "1", "LMOD_REDIRECT": "no"}
        try:
            cmd = [lmod, "bash"] + (["--checkSyntax"] if check else []) + ["load", name]
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, cwd=cwd)
            return p.returncode, p.stderr
        except subprocess.TimeoutExpired:
            return -1, "Lmod has detected the following error: timeout"

    def evaluate(rel, base, isolated):
        p = os.path.join(base, rel)
        parent, stem = os.path.dirname(p), os.path.basename(p)[:-4]
        if roles[rel] == "rc":
            dummy = "zz-speclint-dummy-0.0"
            with open(os.path.join(parent, dummy + ".lua"), "w") as fh:
                fh.write("-- dummy module to make Lmod read the rc file beside it\n")
            if os.path.basename(p) != ".modulerc.lua":
                shutil.copyfile(p, os.path.join(parent, ".modulerc.lua"))
            name = os.path.basename(parent) + "/" + dummy
        else:
            name = os.path.basename(parent) + "/" + stem
        rc, err = run_lmod(os.path.dirname(parent), name, tmp)
        msg, named = error_of(err, rc)
        return msg, named

    def lmod_one(rel):
        # rc files are always evaluated alone (the dummy must not disturb the shared copy)
        if roles[rel] != "rc":
            msg, named = evaluate(rel, tree, False)
            if msg is None:
                return rel, None, None, "tree"
            if named in ("exit",) or (named and os.path.realpath(named) == os.path.realpath(os.path.join(tree, rel))):
                return rel, msg, named, "tree"
        iso = os.path.join(tmp, "iso", str(files.index(rel)))
        os.makedirs(os.path.dirname(os.path.join(iso, rel)), exist_ok=True)
        shutil.copyfile(os.path.join(corpus, rel), os.path.join(iso, rel))
        msg, named = evaluate(rel, iso, True)
        if msg is not None and named not in (None, "exit"):
            own = os.path.join(iso, rel) if roles[rel] != "rc" else os.path.join(os.path.dirname(os.path.join(iso, rel)), ".modulerc.lua")
            if os.path.realpath(named) not in (os.path.realpath(own), os.path.realpath(os.path.join(iso, rel))):
                return rel, None, None, "isolated (error named another file: %s)" % named
        return rel, msg, named, "isolated"

    lmod_res = {}
    for rel, msg, named, how in pool.map(lmod_one, files):
        cls = None
        if msg is not None:
            cls = "exit" if named == "exit" else classify(msg)
        lmod_res[rel] = (cls, msg, how)

    def real_load(rel):
        p = os.path.join(tree, rel)
        parent = os.path.dirname(p)
        rc, err = run_lmod(os.path.dirname(parent), os.path.basename(parent) + "/" + os.path.basename(p)[:-4], tmp, check=False)
        msg, _ = error_of(err, rc)
        return rel, msg
    todo = [f for f in files if lmod_res[f][0] is None and roles[f] != "rc" and any(x["rule"] in REAL_LOAD_RULES for x in by_file.get(f, []))]
    for rel, msg in pool.map(real_load, todo):
        if msg is not None and classify(msg) in ("recursion", "conflict"):
            lmod_res[rel] = (classify(msg), msg, "real load")
    pool.shutdown()

    def short(msg):
        msg = (msg or "").replace(tree + "/", "").replace(os.path.join(tmp, "iso") + "/", "iso:")
        return msg[:200]

    # ---------------------------------------------------------------- report
    n = len(files)
    print("lmod-compare: %d files of %s; speclint %s, Lmod %s, %s" % (n, corpus, args.speclint, lmod, luac))
    if rule_errors:
        print("  rule errors: %d (first: %s)" % (len(rule_errors), rule_errors[0]))

    # syntax vs luac
    sl_bad = {f for f in files if any(x["rule"] == "parse-error" for x in by_file.get(f, []))}
    luac_bad = {f for f in files if not luac_res[f][0]}
    agree = sum(1 for f in files if (f in sl_bad) == (f in luac_bad))
    print("\n1. Syntax validity vs `luac5.4 -p`: %d/%d files agree (%.2f %%); luac rejects %d, speclint reports parse-error on %d"
          % (agree, n, 100.0 * agree / n, len(luac_bad), len(sl_bad)))
    for f in sorted((sl_bad ^ luac_bad))[: args.show]:
        print("   DISAGREE %s: luac %s, speclint %s" % (f, "rejects" if f in luac_bad else "accepts", "parse-error" if f in sl_bad else "none"))
    lmod_syntax = {f for f in files if lmod_res[f][0] == "lua-syntax"}
    print("   Lmod reports a Lua syntax error on %d files; all of them are luac rejects: %s; luac rejects Lmod reports otherwise: %d"
          % (len(lmod_syntax), "yes" if lmod_syntax <= luac_bad else "no (%d)" % len(lmod_syntax - luac_bad), len(luac_bad - lmod_syntax)))

    # Lmod classes
    cls_count = collections.Counter(c for c, _, _ in lmod_res.values() if c)
    print("\n2. Real Lmod (`lmod bash --checkSyntax load`, Lmod 8.6 here): %d files evaluate cleanly, %d report an error"
          % (sum(1 for c, _, _ in lmod_res.values() if c is None), sum(cls_count.values())))
    isolated = sum(1 for _, _, how in lmod_res.values() if how.startswith("isolated"))
    print("   (%d files were evaluated alone because Lmod stopped on another file's error first, or are rc files;"
          " %d were also loaded for real for lmod/load-self and lmod/conflict-with-dependency)"
          % (isolated, sum(1 for f in files if any(x["rule"] in REAL_LOAD_RULES for x in by_file.get(f, [])))))
    for c, k in cls_count.most_common():
        print("   %-17s %4d  %s%s" % (c, k, CLASS_DOC[c], "  [not applicable]" if c in NOT_APPLICABLE else ""))

    def predicts(x):
        # an error-level finding, or a warning that says Lmod stops (requires-newer-lmod,
        # getenv-without-default, table-form-args' priority check for Lmod < 8.7); warnings about
        # what Lmod merely ignores (modeA of path functions on 8.6, surplus arguments) do not count
        return x["rule"] in RULE_CLASSES and (x["severity"] == "error" or "stops with" in x["message"] or "accepts only" in x["message"])

    fired = collections.defaultdict(set)  # rule -> files
    for f in files:
        for x in by_file.get(f, []):
            if x["rule"] in RULE_CLASSES and not predicts(x):
                continue
            fired[x["rule"]].add(f)

    print("\n   Per rule (files where the rule fires; TP = Lmod reports one of the rule's classes, FP = Lmod reports no error,")
    print("   other = Lmod stopped on another error first; precision = TP / (TP + FP)):")
    print("   %-40s %-8s %5s %4s %4s %5s  %s" % ("rule", "severity", "files", "TP", "FP", "other", "precision  Lmod classes"))
    disagreements = []
    for rule in sorted(set(fired) | set(RULE_CLASSES)):
        fs = fired.get(rule, set())
        sev = policy_rules.get(rule, {}).get("severity", "error" if rule == "parse-error" else "?")
        classes = RULE_CLASSES.get(rule)
        if classes is None:
            if not fs:
                continue
            errs = sum(1 for f in fs if lmod_res[f][0] and lmod_res[f][0] not in NOT_APPLICABLE)
            print("   %-40s %-8s %5d %4s %4s %5s  %s" % (rule, sev, len(fs), "-", "-", "-", "no Lmod counterpart (%d of its files have an Lmod error of another kind)" % errs))
            if sev == "error":
                for f in sorted(fs):
                    if lmod_res[f][0] is None:
                        disagreements.append(("speclint-only", rule, f, RULE_SILENT_REASON.get(rule, "")))
            continue
        tp = sum(1 for f in fs if lmod_res[f][0] in classes)
        fp = sum(1 for f in fs if lmod_res[f][0] is None)
        other = len(fs) - tp - fp
        prec = ("%.1f %%" % (100.0 * tp / (tp + fp))) if tp + fp else "n/a"
        print("   %-40s %-8s %5d %4d %4d %5d  %-9s  %s" % (rule, sev, len(fs), tp, fp, other, prec, ", ".join(sorted(classes))))
        for f in sorted(fs):
            if lmod_res[f][0] is None:
                disagreements.append(("speclint-only", rule, f, RULE_SILENT_REASON.get(rule, "")))

    print("\n   Per Lmod class (recall = files of the class where one of its rules fires):")
    for c, k in cls_count.most_common():
        if c in NOT_APPLICABLE:
            print("   %-17s %4d  not applicable: %s" % (c, k, CLASS_DOC[c]))
            continue
        rules = [r for r, cs in RULE_CLASSES.items() if c in cs]
        hit = [f for f in files if lmod_res[f][0] == c and any(f in fired.get(r, ()) for r in rules)]
        print("   %-17s %4d  recall %5.1f %% (%d)  by %s" % (c, k, 100.0 * len(hit) / k, len(hit), ", ".join(rules)))
        for f in files:
            if lmod_res[f][0] == c and f not in hit:
                disagreements.append(("lmod-only", c, f, CLASS_MISSED_REASON.get(c, "") + " | " + short(lmod_res[f][1])))

    # file level: Lmod rejects (applicable classes) vs speclint predicts a rejection
    lm = {f for f in files if lmod_res[f][0] and lmod_res[f][0] not in NOT_APPLICABLE}
    sp = {f for f in files if any(predicts(x) for x in by_file.get(f, []))}
    both = len(lm & sp)
    agree = n - len(lm ^ sp)
    print("\n3. File level: Lmod rejects %d files (applicable classes), speclint predicts a rejection for %d; both %d;"
          " agreement %d/%d (%.1f %%), precision %.1f %%, recall %.1f %%"
          % (len(lm), len(sp), both, agree, n, 100.0 * agree / n, 100.0 * both / max(1, len(sp)), 100.0 * both / max(1, len(lm))))
    na = sum(1 for f in files if lmod_res[f][0] in NOT_APPLICABLE)
    print("   (%d files fail in Lmod for reasons outside the file's code: %s)" % (na, ", ".join(sorted(NOT_APPLICABLE))))

    kinds = collections.defaultdict(list)
    for d in disagreements:
        kinds[d[0]].append(d)
    for kind, title in (("speclint-only", "speclint reports, Lmod evaluates the file without error"),
                        ("lmod-only", "Lmod reports, no speclint rule predicts it")):
        lst = kinds.get(kind, [])
        print("\n   Disagreements: %s (%d):" % (title, len(lst)))
        for _, what, f, why in lst[: args.show]:
            print("   - %s [%s]: %s" % (f, what, why))
        if len(lst) > args.show:
            print("   ... %d more (--show N)" % (len(lst) - args.show))
    precision = 100.0 * both / max(1, len(sp))
    if len(sl_bad ^ luac_bad):
        print("\nFAIL: syntax validity differs from luac on %d files" % len(sl_bad ^ luac_bad))
        return 1
    if precision < 95.0:
        print("\nFAIL: file-level precision against Lmod %.1f %% < 95 %%" % precision)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
