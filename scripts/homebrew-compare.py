#!/usr/bin/env python3
"""Compare speclint's `homebrew` policy with Homebrew's own verdict on a corpus of formulae.

brew cannot run here, so the peer's verdict is taken from history: every formula of the shared
corpus (a 2023 fork of homebrew-core) was accepted by homebrew-core's CI, which runs
`brew style` (the FormulaAudit RuboCop cops) on every formula and `brew audit --strict` on the
formulae a pull request changes. For a rule whose Homebrew check was enforced like that, every
finding on the corpus disagrees with the peer, so

    agreement = files the rule leaves alone / files checked

is the rule's precision against the peer's "clean" verdict. Rules whose check Homebrew runs
only on new or changed formulae, newer than the corpus (2023), or that have
no Homebrew counterpart are listed separately (tables below), with the reason.

Recall is measured on mutants: corpus formulae broken on purpose (a trailing period added to
the `desc`, `https` turned into `http`, two stanzas swapped...), one mutation per rule, each
applied to up to --per-rule formulae where the original is clean for that rule; a mutant
counts as detected when the rule fires on it.

    python3 scripts/homebrew-compare.py [--speclint PATH] [--corpus DIR] [--per-rule N] [--keep DIR]

Exits 0 when every shared rule agrees with the peer on at least 90 % of the corpus, 1 when one
does not, 2 on a usage or tool error; without the corpus it says so and exits 0.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICY = os.path.join(REPO, "policies", "homebrew.toml")
THRESHOLD = 0.90

# Rules whose Homebrew check `brew style` enforced on every homebrew-core formula in 2023:
# each finding on the corpus is a disagreement. Value: the Homebrew cop.
SHARED = {
    "homebrew/desc-present": "FormulaAudit/Desc",
    "homebrew/desc-length": "FormulaAudit/Desc",
    "homebrew/desc-starts-with-article": "FormulaAudit/Desc",
    "homebrew/desc-ends-with-period": "FormulaAudit/Desc",
    "homebrew/desc-starts-with-formula-name": "FormulaAudit/Desc",
    "homebrew/desc-capitalization": "FormulaAudit/Desc",
    "homebrew/desc-whitespace": "FormulaAudit/Desc",
    "homebrew/desc-command-line": "FormulaAudit/Desc",
    "homebrew/homepage-present": "FormulaAudit/Homepage",
    "homebrew/homepage-https": "FormulaAudit/Homepage",
    "homebrew/homepage-canonical": "FormulaAudit/Homepage",
    "homebrew/checksum-format": "FormulaAudit/Checksum",
    "homebrew/checksum-case": "FormulaAudit/ChecksumCase",
    "homebrew/checksum-deprecated": "FormulaAudit/Checksum",
    "homebrew/url-https": "FormulaAudit/Urls",
    "homebrew/github-archive-url": "FormulaAudit/Urls",
    "homebrew/sourceforge-url": "FormulaAudit/Urls",
    "homebrew/url-canonical-host": "FormulaAudit/Urls",
    "homebrew/url-vcs-scheme": "FormulaAudit/Urls",
    "homebrew/mirror-duplicates-url": "FormulaAudit/Urls",
    "homebrew/pypi-url": "FormulaAudit/PyPiUrls",
    "homebrew/git-url-revision": "FormulaAudit/GitUrls",
    "homebrew/version-format": "FormulaAudit/Version",
    "homebrew/class-name": "FormulaAudit/ClassName",
    "homebrew/class-inheritance-space": "FormulaAudit/ClassInheritance",
    "homebrew/components-order": "FormulaAudit/ComponentsOrder",
    "homebrew/components-redundancy": "FormulaAudit/ComponentsRedundancy",
    "homebrew/dependency-order": "FormulaAudit/DependencyOrder",
    "homebrew/revision-zero": "FormulaAudit/Text, FormulaAudit/Miscellaneous",
    "homebrew/std-cargo-args": "FormulaAudit/Text",
    "homebrew/go-get": "FormulaAudit/Text",
    "homebrew/separate-make-calls": "FormulaAudit/Text",
    "homebrew/keg-only-reason": "FormulaAudit/KegOnly",
    "homebrew/conflicts-reason": "FormulaAudit/Conflicts",
    "homebrew/versioned-conflicts-with": "FormulaAudit/Conflicts",
    "homebrew/deprecate-date": "FormulaAudit/DeprecateDisableDate",
    "homebrew/deprecate-reason": "FormulaAudit/DeprecateDisableReason",
    "homebrew/deprecated-dependency-symbol": "FormulaAudit/Lines",
    "homebrew/deprecated-dsl": "FormulaAudit/Miscellaneous, FormulaAudit/Text",
    "homebrew/hardcoded-compiler": "FormulaAudit/Miscellaneous",
    "homebrew/assert-statements": "FormulaAudit/AssertStatements",
    "homebrew/license-array": "FormulaAudit/LicenseArrays",
    "homebrew/patch-url": "FormulaAudit/Patches",
    "homebrew/test-empty": "FormulaAudit/Test",
    "homebrew/test-idioms": "FormulaAudit/Test",
}

# Rules whose Homebrew check exists but does not gate every corpus formula, and why their
# findings on the corpus are not disagreements.
AUDIT_ONLY = {
    "homebrew/version-redundant-with-url": "resource_auditor audit_version: `brew audit` on changed formulae only",
    "homebrew/license-present": "audit_license: required of new homebrew/core formulae only",
    "homebrew/license-spdx": "audit_license: `brew audit` on changed formulae only",
    "homebrew/license-deprecated-spdx": "audit_license, --strict: changed formulae only",
    "homebrew/test-present": "FormulaAuditStrict/TestPresent: `brew audit --strict` on changed formulae only",
    "homebrew/git-url-tag": "FormulaAuditStrict/GitUrls: `brew audit --strict` on changed formulae only",
    "homebrew/deprecated-requirement": "FormulaAuditStrict/Requirements: `brew audit --strict` on changed formulae only",
    "homebrew/go-resource": "FormulaAuditStrict/Text: `brew audit --strict` on changed formulae only",
}
NEWER = {
    "homebrew/http-url": "FormulaAudit/HttpUrls: not enforced by the corpus's CI (50 http:// urls in active formulae)",
    "homebrew/std-npm-args": "FormulaAudit/StdNpmArgs: std_npm_args did not exist yet; the corpus uses Language::Node",
    "homebrew/zero-zero-zero-zero": "FormulaAudit/ZeroZeroZeroZero: a newer cop, not in the corpus's brew",
    "homebrew/desc-emoji": "FormulaAudit/Desc emoji check: the corpus has emoji descs (pnpm, pcp, pywhat)",
    "homebrew/def-plist": "FormulaAudit/Text `def plist`: deprecated after the corpus (it still has plist formulae)",
    "homebrew/spec-block-redundant": "FormulaAudit/ComponentsRedundancy checks missing from older releases of the cop",
}
SPECLINT_ONLY = {
    "homebrew/test-version-only": "no cop: the Formula Cookbook's advice, a heuristic",
    "homebrew/dependency-duplicate": "no cop: Homebrew merges duplicate dependencies silently",
}

# Known disagreements on the corpus, explained (file -> reason), printed under the table.
EXPLAINED = {
    ("homebrew/components-order", "readline.rb"): "the fork's bottle tooling moved `bottle do` above `livecheck`",
    ("homebrew/components-order", "docbook.rb"): "order inside `resource` blocks, which older ComponentsOrder releases did not check",
    ("homebrew/components-order", "mit-scheme.rb"): "order inside `resource` blocks, which older ComponentsOrder releases did not check",
    ("homebrew/hardcoded-compiler", "gcovr.rb"): "`system \"cc\"` in `test do`: the corpus's brew did not flag a bare `cc` (a later addition to the regex)",
}

SHA = "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
REV = "0123456789abcdef0123456789abcdef01234567"


# ---- mutations: (rule, function(name, text) -> mutated text or None) ----

def sub1(pattern, repl, text, flags=re.M):
    new, n = re.subn(pattern, repl, text, count=1, flags=flags)
    return new if n else None


def insert_after(pattern, line, text):
    m = re.search(pattern, text, re.M)
    if not m:
        return None
    end = text.index("\n", m.end()) + 1 if "\n" in text[m.end():] else len(text)
    return text[:end] + line + "\n" + text[end:]


def desc_map(f):
    def mut(name, text):
        m = re.search(r'^  desc "([^"\\#]*)"$', text, re.M)
        if not m:
            return None
        new = f(name, m.group(1))
        if new is None:
            return None
        return text[:m.start(1)] + new + text[m.end(1):]
    return mut


def test_body(repl):
    def mut(name, text):
        m = re.search(r"^  test do\n(.*?)^  end\n", text, re.M | re.S)
        if not m:
            return None
        return text[:m.start(1)] + repl(name) + text[m.end(1):]
    return mut


def remove_test(name, text):
    m = re.search(r"^  test do\n.*?^  end\n", text, re.M | re.S)
    if not m or "disable!" in text:
        return None
    return text[:m.start()] + text[m.end():]


def in_install(line):
    return lambda name, text: insert_after(r"^  def install$", "    " + line, text)


def in_test(line):
    return lambda name, text: insert_after(r"^  test do$", "    " + line, text)


def redundant_version(name, text):
    m = re.search(r'^  url "[^"]*/[A-Za-z][A-Za-z0-9_]*-(\d+\.\d+(?:\.\d+)?)\.tar\.(?:gz|xz|bz2)"$', text, re.M)
    if not m or re.search(r"^  version ", text, re.M):
        return None
    return insert_after(r'^  url "[^"]*"$', '  version "%s"' % m.group(1), text)


def swap_deps(name, text):
    lines = text.split("\n")
    idx = [i for i, l in enumerate(lines) if re.match(r'^  depends_on "[^"]+"( => :build)?$', l)]
    for a, b in zip(idx, idx[1:]):
        if b == a + 1 and lines[a] != lines[b]:
            lines[a], lines[b] = lines[b], lines[a]
            return "\n".join(lines)
    return None


def pypi_short(name, text):
    m = re.search(r'"https://files\.pythonhosted\.org/packages/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]+/(([A-Za-z0-9_.]+)-[^"/]+)"', text)
    if not m:
        return None
    short = "https://files.pythonhosted.org/packages/source/%s/%s/%s" % (m.group(2)[0], m.group(2), m.group(1))
    return text[:m.start()] + '"' + short + '"' + text[m.end():]


MUTATIONS = [
    ("homebrew/desc-present", lambda n, t: sub1(r'^  desc "[^"]*"\n', "", t)),
    ("homebrew/desc-length", desc_map(lambda n, d: d + ", with a long tail of words that pushes it past eighty characters" if len(d) < 80 else None)),
    ("homebrew/desc-starts-with-article", desc_map(lambda n, d: "A " + d[0].lower() + d[1:] if d and not d.lower().startswith(("a ", "an ", "the ")) else None)),
    ("homebrew/desc-ends-with-period", desc_map(lambda n, d: d + "." if not d.endswith(".") else None)),
    ("homebrew/desc-starts-with-formula-name", desc_map(lambda n, d: n + " is a " + d[0].lower() + d[1:])),
    ("homebrew/desc-capitalization", desc_map(lambda n, d: d[0].lower() + d[1:] if re.match(r"[A-Z][a-z]", d) and not d.startswith(("IOS", "MacOS")) else None)),
    ("homebrew/desc-whitespace", desc_map(lambda n, d: d + " ")),
    ("homebrew/desc-command-line", desc_map(lambda n, d: "Command line " + d[0].lower() + d[1:] if "command" not in d.lower() else None)),
    ("homebrew/desc-emoji", desc_map(lambda n, d: "\U0001F37A " + d)),
    ("homebrew/homepage-present", lambda n, t: sub1(r'^  homepage "[^"]*"\n', "", t)),
    ("homebrew/homepage-https", lambda n, t: sub1(r'^(  homepage ")https(://github\.com/)', r"\1http\2", t)),
    ("homebrew/homepage-canonical", lambda n, t: sub1(r'^(  homepage "https://github\.com/[^"]+?)/?"', r'\1.git"', t)),
    ("homebrew/checksum-format", lambda n, t: sub1(r'^(  sha256 "[0-9a-f]{63})[0-9a-f]"', r'\1"', t)),
    ("homebrew/checksum-case", lambda n, t: sub1(r'^(  sha256 ")([0-9a-f]{64})"', lambda m: m.group(1) + m.group(2).upper() + '"', t)),
    ("homebrew/checksum-deprecated", lambda n, t: sub1(r'^  sha256 "[0-9a-f]{64}"', '  sha1 "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"', t)),
    ("homebrew/url-https", lambda n, t: sub1(r'^(  url ")https(://(?:github\.com|ftp\.gnu\.org|downloads\.sourceforge\.net)/)', r"\1http\2", t)),
    ("homebrew/github-archive-url", lambda n, t: sub1(r'^(  url "https://github\.com/[^/]+/[^/]+)/archive/(?:refs/tags/)?([^"/]+)\.tar\.gz"', r'\1/tarball/\2"', t)),
    ("homebrew/sourceforge-url", lambda n, t: sub1(r'^(  url "https://downloads\.sourceforge\.net/[^"]+)"', r'\1/download"', t)),
    ("homebrew/url-canonical-host", lambda n, t: sub1(r'^(  url ")https?://[^"]+/([^"/]+\.tar\.(?:gz|xz|bz2))"', r'\1https://fossies.org/linux/misc/\2"', t)),
    ("homebrew/url-vcs-scheme", lambda n, t: sub1(r'^(  url ")(https://[^"]+)"', r'\1hg://\2"', t)),
    ("homebrew/mirror-duplicates-url", lambda n, t: (lambda m: insert_after(r"^  url ", '  mirror "%s"' % m.group(1), t) if m else None)(re.search(r'^  url "([^"#]+)"$', t, re.M))),
    ("homebrew/pypi-url", pypi_short),
    ("homebrew/git-url-revision", lambda n, t: sub1(r'^  url "[^"]+"$', '  url "https://github.com/example/%s.git", tag: "v1.0"' % n, t)),
    ("homebrew/git-url-tag", lambda n, t: sub1(r'^  url "[^"]+"$', '  url "https://github.com/example/%s.git", revision: "%s"' % (n, REV), t)),
    ("homebrew/http-url", lambda n, t: None if "deprecate!" in t or "disable!" in t else sub1(r'^(  url ")https://', r"\1http://", t)),
    ("homebrew/version-format", lambda n, t: None if re.search(r"^  version ", t, re.M) else insert_after(r'^  url "[^"]*"$', '  version "v9.9.9"', t)),
    ("homebrew/version-redundant-with-url", redundant_version),
    ("homebrew/class-name", lambda n, t: sub1(r"^(class \S+ < )Formula$", r"\1ScriptFileFormula", t)),
    ("homebrew/class-inheritance-space", lambda n, t: sub1(r"^(class \S+) < Formula$", r"\1<Formula", t)),
    ("homebrew/components-order", lambda n, t: sub1(r'^(  desc "[^"]*")\n(  homepage "[^"]*")$', r"\2\n\1", t)),
    ("homebrew/components-redundancy", lambda n, t: insert_after(r'^  head "', '  head do\n    depends_on "autoconf" => :build\n  end', t)),
    ("homebrew/spec-block-redundant", lambda n, t: sub1(r'^  head ("[^"]+"(?:, branch: "[^"]+")?)$', r"  head do\n    url \1\n  end", t)),
    ("homebrew/dependency-order", swap_deps),
    ("homebrew/dependency-duplicate", lambda n, t: (lambda m: insert_after(r'^  depends_on "', m.group(0), t) if m else None)(re.search(r'^  depends_on "[^"]+"$', t, re.M))),
    ("homebrew/revision-zero", lambda n, t: None if re.search(r"^  revision ", t, re.M) else insert_after(r'^  sha256 "', "  revision 0", t)),
    ("homebrew/std-cargo-args", lambda n, t: sub1(r'system "cargo", "install", \*std_cargo_args(\([^)]*\))?', 'system "cargo", "build", "--release"', t)),
    ("homebrew/go-get", in_install('system "go", "get", "-d", "./..."')),
    ("homebrew/separate-make-calls", lambda n, t: sub1(r'system "make", "install"$', 'system "make && make install"', t)),
    ("homebrew/std-npm-args", in_install('system "npm", "install", "--production"')),
    ("homebrew/keg-only-reason", lambda n, t: sub1(r'^(  keg_only ")([a-z])([^"]*)"', lambda m: m.group(1) + m.group(2).upper() + m.group(3) + '."', t)),
    ("homebrew/conflicts-reason", lambda n, t: sub1(r'^(  conflicts_with [^\n]*because: ")([a-z])([^"]*)"', lambda m: m.group(1) + m.group(2).upper() + m.group(3) + '"', t)),
    ("homebrew/versioned-conflicts-with", lambda n, t: insert_after(r"^  keg_only :versioned_formula$", '  conflicts_with "%s", because: "both install the same files"' % n.split("@")[0], t) if "@" in n else None),
    ("homebrew/deprecate-date", lambda n, t: sub1(r'^(  (?:deprecate|disable)! date: ")(\d{4})-(\d{2})-(\d{2})"', r'\1\4/\3/\2"', t)),
    ("homebrew/deprecate-reason", lambda n, t: sub1(r'^(  (?:deprecate|disable)! date: "[^"]+"), because: :\w+', r"\1", t)),
    ("homebrew/deprecated-requirement", lambda n, t: insert_after(r"^  depends_on ", "  depends_on :x11", t)),
    ("homebrew/deprecated-dependency-symbol", lambda n, t: insert_after(r"^  depends_on ", "  depends_on :python", t)),
    ("homebrew/def-plist", lambda n, t: sub1(r"^  test do$", '  def plist\n    "<plist/>"\n  end\n\n  test do', t)),
    ("homebrew/deprecated-dsl", lambda n, t: insert_after(r"^  depends_on ", "  fails_with :llvm", t)),
    ("homebrew/go-resource", lambda n, t: sub1(r"^  def install$", '  go_resource "github.com/example/dep" do\n    url "https://github.com/example/dep.git", revision: "%s"\n  end\n\n  def install' % REV, t)),
    ("homebrew/hardcoded-compiler", in_test('system "gcc", "test.c", "-o", "test"')),
    ("homebrew/zero-zero-zero-zero", in_install('inreplace "demo.conf", "127.0.0.1", "0.0.0.0"')),
    ("homebrew/assert-statements", in_test('assert File.exist?(testpath/"out.txt")')),
    ("homebrew/license-present", lambda n, t: sub1(r"^  license .*\n", "", t)),
    ("homebrew/license-spdx", lambda n, t: sub1(r'^  license "[^"]+"$', '  license "BSD"', t)),
    ("homebrew/license-deprecated-spdx", lambda n, t: sub1(r'^  license "[^"]+"$', '  license "GPL-2.0"', t)),
    ("homebrew/license-array", lambda n, t: sub1(r'^  license ("[^"]+")$', r'  license ["MIT", \1]', t)),
    ("homebrew/patch-url", lambda n, t: sub1(r'^(    url "https://github\.com/[^"]+/commit/[0-9a-f]+\.patch)\?full_index=1"', r'\1"', t)),
    ("homebrew/test-present", remove_test),
    ("homebrew/test-empty", test_body(lambda n: "    true\n")),
    ("homebrew/test-version-only", test_body(lambda n: '    system bin/"%s", "--version"\n' % n)),
    ("homebrew/test-idioms", in_test('assert_match "x", shell_output("#{bin}/%s --help", 0)' % "demo")),
]


def run_speclint(speclint, path):
    cmd = [speclint, "--policy", POLICY, "--format", "json", "--fail-on", "never", "--quiet", path]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("speclint failed (%d): %s" % (p.returncode, p.stderr[:2000]))
    errors = [l for l in p.stderr.splitlines() if "rule-error" in l or "parse-error" in l]
    return json.loads(p.stdout or "[]"), errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--speclint", default=os.path.join(REPO, "target", "release", "speclint"))
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus", "homebrew"))
    ap.add_argument("--per-rule", type=int, default=25, help="mutants per rule (default 25)")
    ap.add_argument("--keep", help="write the mutants to this directory and keep them")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print("homebrew corpus not found at %s; skipping the comparison" % args.corpus)
        return 0
    if not os.access(args.speclint, os.X_OK):
        print("speclint not found at %s (cargo build --release, or pass --speclint)" % args.speclint, file=sys.stderr)
        return 2
    formulae = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(args.corpus) for f in fs
        if f.endswith(".rb") and os.path.basename(d) in ("Formula", "HomebrewFormula")
    )
    if not formulae:
        print("no formulae under %s; skipping the comparison" % args.corpus)
        return 0

    findings, errors = run_speclint(args.speclint, args.corpus)
    by_rule = collections.defaultdict(list)
    for f in findings:
        by_rule[f["rule"]].append(f)
    files_by_rule = {r: {os.path.basename(f["path"]) for f in fs} for r, fs in by_rule.items()}
    n = len(formulae)
    all_rules = sorted(set(SHARED) | set(AUDIT_ONLY) | set(NEWER) | set(SPECLINT_ONLY))
    unknown = sorted(r for r in by_rule if r.startswith("homebrew/") and r not in all_rules)

    # ---- recall on mutants ----
    texts = {p: open(p, encoding="utf-8", errors="replace").read() for p in formulae}
    tmp = args.keep or tempfile.mkdtemp(prefix="homebrew-mutants-")
    planted = collections.defaultdict(list)  # rule -> [mutant path]
    for rule, mutate in MUTATIONS:
        clean = files_by_rule.get(rule, set())
        count = 0
        for p in formulae:
            if count >= args.per_rule:
                break
            base = os.path.basename(p)
            if base in clean:
                continue
            new = mutate(base[:-3], texts[p])
            if new is None or new == texts[p]:
                continue
            d = os.path.join(tmp, rule.split("/")[1], str(count), "Formula")
            os.makedirs(d, exist_ok=True)
            out = os.path.join(d, base)
            open(out, "w", encoding="utf-8").write(new)
            planted[rule].append(out)
            count += 1
    mutant_findings, mutant_errors = run_speclint(args.speclint, tmp)
    fired = collections.defaultdict(set)
    for f in mutant_findings:
        fired[f["rule"]].add(os.path.normpath(f["path"]))
    recall = {}
    for rule, paths in planted.items():
        hit = sum(1 for p in paths if os.path.normpath(p) in fired[rule])
        recall[rule] = (hit, len(paths))
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- report ----
    def row(rule, peer):
        fs = by_rule.get(rule, [])
        files = len(files_by_rule.get(rule, ()))
        agree = 1 - files / n
        hit, tot = recall.get(rule, (0, 0))
        rec = "%3d/%-3d %5.1f%%" % (hit, tot, 100 * hit / tot) if tot else "   n/a       "
        print("  %-42s %5d %6d %7.2f%%  %s  %s" % (rule, files, len(fs), 100 * agree, rec, peer))
        return agree

    print("speclint `homebrew` policy vs Homebrew on %d formulae (%s)" % (n, os.path.normpath(args.corpus)))
    print("agreement = files where the rule stays silent, as Homebrew's CI did; recall = mutants caught\n")
    head = "  %-42s %5s %6s %8s  %-13s  %s" % ("rule", "files", "finds", "agree", "recall", "Homebrew check")
    print("Shared checks (enforced by `brew style` on every formula in 2023):")
    print(head)
    worst = []
    for rule in sorted(SHARED):
        a = row(rule, SHARED[rule])
        if a < THRESHOLD:
            worst.append(rule)
    shared_union = set().union(*(files_by_rule.get(r, set()) for r in SHARED))
    shared_finds = sum(len(by_rule.get(r, ())) for r in SHARED)
    print("  %-42s %5d %6d %7.2f%%  (files flagged by any shared rule)" % (
        "all shared rules", len(shared_union), shared_finds, 100 * (1 - len(shared_union) / n)))
    explained = [(r, f, why) for (r, f), why in sorted(EXPLAINED.items()) if f in files_by_rule.get(r, ())]
    if explained:
        print("  explained disagreements:")
        for r, f, why in explained:
            print("    %s on %s: %s" % (r, f, why))

    for title, table in (
        ("Homebrew audits that gate only new or changed formulae (findings here are not disagreements):", AUDIT_ONLY),
        ("Homebrew checks newer than the corpus (2023); they may fire on it:", NEWER),
        ("speclint-only checks (no Homebrew counterpart):", SPECLINT_ONLY),
    ):
        print("\n" + title)
        print(head)
        for rule in sorted(table):
            row(rule, table[rule])

    tot_hit = sum(h for h, _ in recall.values())
    tot_all = sum(t for _, t in recall.values())
    print("\nMutants: %d planted over %d rules, %d caught (%.1f%%)" % (
        tot_all, len(recall), tot_hit, 100 * tot_hit / tot_all if tot_all else 0))
    missing = sorted(r for r in all_rules if r not in recall)
    if missing:
        print("rules without applicable mutants: " + ", ".join(missing))
    if unknown:
        print("rules not classified in this script: " + ", ".join(unknown))
    if errors or mutant_errors:
        print("\nrule or parse errors:")
        for e in (errors + mutant_errors)[:20]:
            print("  " + e)
    if worst:
        print("\nFAIL: agreement below %d%% on %s" % (THRESHOLD * 100, ", ".join(worst)))
        return 1
    if errors:
        return 1
    print("\nOK: every shared rule agrees with Homebrew on at least %d%% of the corpus" % (THRESHOLD * 100))
    return 0


if __name__ == "__main__":
    sys.exit(main())
