#!/usr/bin/env python3
"""Agreement of `speclint dump` with python-debian on the shared Debian corpus.

For every `control` and `copyright` file under CORPUS_DIR (laid out as `<pkg>/control`,
`<pkg>/copyright`, `<pkg>/changelog`, the way speclint recognises `debian/<pkg>/...`),
compare speclint's paragraphs with python-debian's pure-Python `Deb822` parser (the one
`Deb822.iter_paragraphs(f, use_apt_pkg=False)` uses; like speclint it accepts `#` comments
and whitespace-only separator lines, as debian/control needs, whereas apt_pkg's TagFile is
stricter and meant for archive indices). By default that parser is run to the end of the
file: stock `iter_paragraphs` stops at the first paragraph that yields no field (see
`pd_paragraphs`); `--stock` compares against it as is, and the default run reports how many
fields that early stop would drop. Both sides are flattened to `(field name, value)`
sequences in file order and aligned with difflib; a field agrees when name (case included)
and value are identical. Agreement = agreed fields / fields in the union (agreed + value or
name-case mismatches + fields only one side has). Files whose paragraph count differs are
listed too.

For every `changelog`, compare speclint's entries with `debian.changelog.Changelog`
(strict=False): package, version string, distributions, urgency, author "Name <email>" and
date. An entry agrees when all six do; entries are aligned on (package, version).

Normalisations (only what is representational, not content):
  * deb822 values: trailing whitespace is stripped from every line of python-debian's value.
    python-debian drops it on the first line (its field regex ends in `\\s*$`) but keeps it
    on continuation lines; speclint strips it everywhere (by design, see
    src/syntax/deb822.rs). Parsers differ here (Dpkg::Control drops it, apt_pkg keeps it)
    and no field's meaning depends on it; it affected 76 fields in 41 files of the shared
    corpus when this script was written.
  * changelog distributions: speclint gives a list, python-debian the raw string; both are
    compared as the list of whitespace-separated words.
  * changelog date: python-debian's trailer regex captures trailing whitespace after the
    date; it is stripped.
Nothing else is normalised.

Usage (from the repository root, after `cargo build --release`):

    python3 scripts/deb822-agreement.py [CORPUS_DIR] [--speclint PATH] [--show N] [-j N]

CORPUS_DIR defaults to ../shared/corpus/debian (relative to the repository root); if it is
absent the script says so and exits 0. The speclint binary is `--speclint PATH`, else $SPECLINT,
else target/release/speclint. `--show N` lists the first N disagreements per kind (default 20).
Exit status: 0 when the overall agreement (deb822 fields and changelog entries together) is at
least 99.5 %, 1 otherwise.

Needs python-debian (`apt-get install python3-debian` or `pip install python-debian`). If the
running interpreter cannot import it but the system /usr/bin/python3 can (a pyenv/venv python
in front of the apt-installed package), the script re-runs itself with /usr/bin/python3.
"""
import argparse
import concurrent.futures as cf
import difflib
import json
import os
import subprocess
import sys
import warnings

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM_PYTHON = "/usr/bin/python3"

try:
    from debian import changelog as pd_changelog
    from debian import deb822 as pd_deb822
except ImportError:
    if (
        os.environ.get("DEB822_AGREEMENT_REEXEC") != "1"
        and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)
        and os.path.exists(SYSTEM_PYTHON)
        and subprocess.run([SYSTEM_PYTHON, "-c", "import debian.deb822"], capture_output=True).returncode == 0
    ):
        os.environ["DEB822_AGREEMENT_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__), *sys.argv[1:]])
    print("python-debian is not installed (apt-get install -y python3-debian): skipped")
    sys.exit(0)

# python-debian reports non-strict changelog problems as warnings; they are not our business.
warnings.simplefilter("ignore")

KINDS = {"control": "deb-control", "copyright": "deb-copyright", "changelog": "deb-changelog"}


def speclint_dump(speclint, path):
    out = subprocess.run([speclint, "dump", path], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        return {"error": (out.stderr.strip() or f"exit status {out.returncode}").splitlines()[-1]}
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError as e:
        return {"error": f"bad JSON: {e}"}


# ---------------------------------------------------------------------------- deb822


def rstrip_lines(value):
    return "\n".join(line.rstrip() for line in value.split("\n"))


class _Lines:
    """A line iterator that remembers whether it reached the end of the file."""

    def __init__(self, f):
        self.it = iter(f)
        self.eof = False

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return next(self.it)
        except StopIteration:
            self.eof = True
            raise


def pd_paragraphs(path, stock=False):
    """python-debian's paragraphs, as lists of (name, value).

    Binary lines: split on b"\n" only, as the format and speclint do (text mode would also
    split on a lone "\r"); python-debian decodes them itself (UTF-8, then its fallback).

    `iter_paragraphs` ends at the first paragraph from which its parser gets no field (`if not
    x: break`), e.g. a free-text preamble in a non-DEP-5 copyright file or a paragraph made of
    continuation lines after a stray empty line; everything after it is silently dropped. That
    is how the generator decides it has reached the end, not a reading of the text, so by
    default the same per-paragraph parser (`Deb822(lines)`, the call `iter_paragraphs` makes)
    is run until the end of the file instead. `stock=True` uses `iter_paragraphs` as is.
    """
    with open(path, "rb") as f:
        if stock:
            paras = list(pd_deb822.Deb822.iter_paragraphs(f, use_apt_pkg=False))
        else:
            lines = _Lines(f)
            paras = []
            while not lines.eof:
                p = pd_deb822.Deb822(lines)
                if p:
                    paras.append(p)
        return [[(str(k), rstrip_lines(v)) for k, v in p.items()] for p in paras]


def compare_deb822(path, dump, stock=False):
    """Returns (agreed, total, disagreements, (speclint paragraphs, python-debian paragraphs,
    fields stock iter_paragraphs drops))."""
    sl = [[(f["name"], f["value"]) for f in p["fields"]] for p in dump.get("paragraphs", [])]
    pd = pd_paragraphs(path, stock)
    dropped = 0 if stock else len([f for p in pd for f in p]) - len([f for p in pd_paragraphs(path, True) for f in p])
    a = [f for p in sl for f in p]
    b = [f for p in pd for f in p]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    agreed = 0
    diffs = []  # (field name, speclint value or None, python-debian value or None)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            agreed += i2 - i1
            continue
        rest_b = list(b[j1:j2])
        for name, val in a[i1:i2]:
            k = next((k for k, (n, _) in enumerate(rest_b) if n.lower() == name.lower()), None)
            if k is None:
                diffs.append((name, val, None))
            else:
                n2, v2 = rest_b.pop(k)
                diffs.append((name if n2 == name else f"{name} / {n2}", val, v2))
        diffs.extend((n, None, v) for n, v in rest_b)
    return agreed, agreed + len(diffs), diffs, (len(sl), len(pd), dropped)


# ---------------------------------------------------------------------------- changelog

FACETS = ("package", "version", "distributions", "urgency", "author", "date")


def sl_entry(e):
    author = None
    if e.get("maintainer") is not None or e.get("email") is not None:
        author = f"{e.get('maintainer') or ''} <{e.get('email') or ''}>"
    return {
        "package": e.get("package"),
        "version": (e.get("version") or {}).get("full"),
        "distributions": " ".join(e.get("distributions") or []),
        "urgency": e.get("urgency"),
        "author": author,
        "date": e.get("date"),
    }


def pd_entries(path):
    with open(path, "rb") as f:
        cl = pd_changelog.Changelog(f.read(), strict=False)
    out = []
    for b in cl:
        out.append({
            "package": b.package,
            "version": b._raw_version if getattr(b, "_raw_version", None) is not None else (str(b.version) if b.version else None),
            "distributions": " ".join((b.distributions or "").split()),
            "urgency": b.urgency,
            "author": b.author,
            "date": b.date.rstrip() if b.date else b.date,
        })
    return out


def compare_changelog(path, dump):
    """Returns (agreed entries, total entries, disagreements, facet mismatch counts)."""
    a = [sl_entry(e) for e in dump.get("entries", [])]
    b = pd_entries(path)
    key = lambda e: (e["package"], e["version"])  # noqa: E731
    sm = difflib.SequenceMatcher(None, [key(e) for e in a], [key(e) for e in b], autojunk=False)
    agreed = total = 0
    diffs = []  # (entry label, facet, speclint value, python-debian value)
    facets = dict.fromkeys(FACETS, 0)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                total += 1
                bad = [f for f in FACETS if x[f] != y[f]]
                if not bad:
                    agreed += 1
                for f in bad:
                    facets[f] += 1
                    diffs.append((f"{x['package']} {x['version']}", f, x[f], y[f]))
            continue
        # entries only one side found (each counts once in the union)
        total += (i2 - i1) + (j2 - j1)
        for x in a[i1:i2]:
            diffs.append((f"{x['package']} {x['version']}", "entry", "present", None))
        for y in b[j1:j2]:
            diffs.append((f"{y['package']} {y['version']}", "entry", None, "present"))
    return agreed, total, diffs, facets


# ---------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "corpus", "debian"))
    ap.add_argument(
        "--speclint", default=os.environ.get("SPECLINT") or os.path.join(REPO, "target", "release", "speclint")
    )
    ap.add_argument("--show", type=int, default=20, metavar="N", help="disagreements to list per kind")
    ap.add_argument(
        "--stock",
        action="store_true",
        help="use python-debian's iter_paragraphs as is (it stops at the first paragraph without a field)",
    )
    ap.add_argument("-j", type=int, default=max(2, (os.cpu_count() or 2) * 2))
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"no Debian corpus at {os.path.normpath(args.corpus)}: skipped")
        return 0
    speclint = os.path.abspath(args.speclint)
    if not os.access(speclint, os.X_OK):
        print(f"speclint binary not found at {speclint} (cargo build --release, or --speclint PATH)")
        return 2

    files = sorted(
        os.path.abspath(os.path.join(d, f)) for d, _, fs in os.walk(args.corpus) for f in fs if f in KINDS
    )

    def one(path):
        base = os.path.basename(path)
        dump = speclint_dump(speclint, path)
        if "error" in dump or dump.get("kind") != KINDS[base]:
            return path, base, ("error", dump.get("error") or f"speclint saw kind {dump.get('kind')!r}")
        try:
            if base == "changelog":
                return path, base, compare_changelog(path, dump)
            return path, base, compare_deb822(path, dump, args.stock)
        except Exception as e:  # a python-debian crash is a finding, not a reason to stop
            return path, base, ("error", f"python-debian: {type(e).__name__}: {e}")

    stats = {k: {"files": 0, "agreed": 0, "total": 0, "diffs": [], "errors": [], "para": [], "facets": {}, "dropped": [0, 0]} for k in KINDS}
    with cf.ThreadPoolExecutor(args.j) as ex:
        for path, base, r in ex.map(one, files):
            s = stats[base]
            s["files"] += 1
            rel = os.path.relpath(path, args.corpus)
            if r[0] == "error":
                s["errors"].append((rel, r[1]))
                continue
            agreed, total, diffs, extra = r
            s["agreed"] += agreed
            s["total"] += total
            s["diffs"].extend((rel, *d) for d in diffs)
            if base == "changelog":
                for f, n in extra.items():
                    s["facets"][f] = s["facets"].get(f, 0) + n
            else:
                if extra[0] != extra[1]:
                    s["para"].append((rel, *extra[:2]))
                if extra[2]:
                    s["dropped"][0] += 1
                    s["dropped"][1] += extra[2]

    def show(v):
        return "(absent)" if v is None else repr(v)

    for base, s in stats.items():
        unit = "entries" if base == "changelog" else "fields"
        pct = 100.0 * s["agreed"] / max(s["total"], 1)
        print(f"== {base}: {s['files']} files, {s['total']} {unit} compared, {s['agreed']} agreed ({pct:.2f}%), "
              f"{len(s['diffs'])} disagreements, {len(s['errors'])} files not compared")
        if s["dropped"][0]:
            print(f"   (python-debian's stock iter_paragraphs would stop early in {s['dropped'][0]} of these files, "
                  f"dropping {s['dropped'][1]} fields; see --stock)")
        if base == "changelog" and any(s["facets"].values()):
            print("   mismatches by facet: " + ", ".join(f"{f} {n}" for f, n in s["facets"].items() if n))
        for rel, n_sl, n_pd in s["para"][: args.show]:
            print(f"   PARAGRAPHS {rel}: speclint {n_sl} / python-debian {n_pd}")
        for rel, msg in s["errors"][: args.show]:
            print(f"   ERROR {rel}: {msg}")
        for d in s["diffs"][: args.show]:
            if base == "changelog":
                rel, entry, facet, x, y = d
                print(f"   {rel} [{entry}] {facet}: speclint {show(x)} / python-debian {show(y)}")
            else:
                rel, name, x, y = d
                print(f"   {rel} {name}: speclint {show(x)} / python-debian {show(y)}")
        if len(s["diffs"]) > args.show:
            print(f"   ... {len(s['diffs']) - args.show} more (--show N)")

    agreed = sum(s["agreed"] for s in stats.values())
    total = sum(s["total"] for s in stats.values())
    pct = 100.0 * agreed / max(total, 1)
    print(f"\noverall: {agreed}/{total} ({pct:.3f}%) fields and changelog entries agree; threshold 99.5%")
    return 0 if pct >= 99.5 else 1


if __name__ == "__main__":
    sys.exit(main())
