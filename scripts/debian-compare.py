#!/usr/bin/env python3
"""Compare speclint's `debian` policy with lintian, per (package, tag), on the shared corpus.

    python3 scripts/debian-compare.py [--speclint PATH] [--corpus DIR] [--limit N]
                                      [--cache FILE] [-j N] [--show TAG] [--cached-only]
    python3 scripts/debian-compare.py --fixtures [--only PREFIX]

Defaults: --speclint target/release/speclint, --corpus ../shared/corpus/debian, every package
(--limit N takes a deterministic sample: the N names with the lowest SHA-1), 2 lintian
processes. lintian takes about 2.5 s per package (all 521: about 22 minutes on 2 cores), so
use --cache /tmp/debian-lintian.json to keep its results between runs.

The corpus holds only debian/{control,copyright,changelog} per source package, and lintian
cannot check a bare debian/ directory, so for every package this script synthesises what
lintian needs (research/peers.md, section 3):

  * a source package: the corpus files, plus a `debian/rules` running `dh $@` (mode 0755) and
    `debian/source/format` (`3.0 (quilt)` with a one-file orig tarball when the version has a
    Debian revision, else `3.0 (native)`); a missing changelog is replaced by a one-entry
    changelog dated now; `dpkg-source -b` builds the .dsc;
  * one tiny binary package per `deb` paragraph of debian/control (`dpkg-deb --build` of a
    hand-written DEBIAN/control: the paragraph with the source paragraph's Section, Priority,
    Maintainer and Homepage filled in the way dpkg-gencontrol inherits them, version substvars
    replaced, other substvars dropped), because lintian runs its description, package-name,
    priority and section checks only on binary packages; the first one also carries
    usr/share/doc/PKG/changelog.Debian.gz, where lintian's changelog date checks read it.

lintian (`-I -E --pedantic`) then runs on the .dsc and the .debs together, several packages
per process. Tags the synthesis itself causes are excluded per package (see SYNTHETIC), and
tags whose input the corpus lacks (debian/watch, debian/compat, the real debian/rules) cannot
be compared and are listed as such. speclint runs once over the whole corpus with
`--policy policies/debian.toml --format json`.

Agreement is per (package, tag): a tag counts once per package whichever tool reports it,
however many times. Prints per tag: both, only-speclint, only-lintian, precision, recall.
Exits 1 when the overall precision on the tags both tools report is below 90 %, 0 otherwise
(and 0 with a note when the corpus, speclint, lintian or dpkg-source is missing).

--fixtures runs lintian instead on every rule fixture (rules/debian/RULE/{fail,pass}/debian/,
completed with a template control, changelog and copyright where the fixture has none) and
says, per rule, whether lintian reports the tag on fail/ and not on pass/: the check for the
tags the corpus cannot show (debian/rules, compat, watch, source/format).
"""
import argparse
import collections
import concurrent.futures as cf
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Tags that depend on files the corpus does not hold (the script writes a stand-in, so what
# lintian says about them is about the stand-in, not the package).
NOT_COMPARABLE = {
    "missing-debian-source-format": "the corpus has no debian/source/format; the synthetic package has one",
    "uses-debhelper-compat-file": "the corpus has no debian/compat",
    "debian-watch-file-in-unknown-format": "the corpus has no debian/watch",
    "debian-rules-missing-required-target": "the corpus has no debian/rules",
    "debian-rules-should-not-set-CFLAGS-from-noopt": "the corpus has no debian/rules",
    "debian-rules-uses-as-needed-linker-flag": "the corpus has no debian/rules",
    "missing-build-dependency-for-dh-addon": "the corpus has no debian/rules",
    "debian-watch-uses-insecure-uri": "the corpus has no debian/watch",
    "debian-watch-file-unsupported-version": "the corpus has no debian/watch",
    "debian-watch-does-not-check-openpgp-signature": "the corpus has no debian/watch",
    "debhelper-compat-file-is-missing": "the corpus has no debian/compat",
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --- deb822 (enough for debian/control) -------------------------------------------------

def paragraphs(text):
    """[(fields: list of (name, value))] of a deb822 file; comments dropped, values unfolded
    the way dpkg keeps them (continuation lines joined with "\n")."""
    out, cur, last = [], [], None
    for line in text.split("\n"):
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                out.append(cur)
            cur, last = [], None
            continue
        if line[0] in " \t" and last is not None:
            name, value = cur[last]
            cur[last] = (name, value + "\n" + line)
            continue
        m = re.match(r"^([^:\s]+)\s*:\s?(.*)$", line)
        if m:
            cur.append((m.group(1), m.group(2).rstrip()))
            last = len(cur) - 1
    if cur:
        out.append(cur)
    return out


def get(fields, name):
    for n, v in fields:
        if n.lower() == name.lower():
            return v
    return None


# --- synthesis -------------------------------------------------------------------------

CHANGELOG_RE = re.compile(r"^(\S+) \(([^()\s]+)\) ([^;]*);")


def top_entry(changelog_text):
    for line in changelog_text.split("\n"):
        m = CHANGELOG_RE.match(line)
        if m:
            return m.group(1), m.group(2)
    return None


RELATION_FIELDS = ["Pre-Depends", "Depends", "Recommends", "Suggests", "Enhances", "Breaks",
                   "Conflicts", "Provides", "Replaces"]


def strip_substvars(value, version):
    """A binary relation field with its ${substvars} replaced the way dpkg-gencontrol would:
    version substvars by the version, others (lists of relations) dropped."""
    upstream = version.split(":", 1)[-1].rsplit("-", 1)[0]
    value = re.sub(r"\$\{(binary|source):Version\}", version, value)
    value = re.sub(r"\$\{source:Upstream-Version\}", upstream, value)
    groups = []
    for group in value.replace("\n", " ").split(","):
        alts = [a.strip() for a in group.split("|") if a.strip() and "${" not in a]
        if alts:
            groups.append(" | ".join(alts))
    return ", ".join(groups)


def binary_control(src, para, version):
    """DEBIAN/control for one binary paragraph, as dpkg-gencontrol would write it (without the
    substvars), or None for udebs and paragraphs dpkg-deb could not build."""
    if (get(para, "Package-Type") or "deb").strip() != "deb":
        return None
    name = get(para, "Package")
    if not name:
        return None
    arch = (get(para, "Architecture") or "all").split()
    arch = "all" if arch == ["all"] else "amd64"
    out = [("Package", name.strip()), ("Version", version), ("Architecture", arch)]
    for f in ("Maintainer",):
        v = get(src, f)
        if v:
            out.append((f, v.replace("\n", " ")))
    for f in ("Section", "Priority", "Homepage"):
        v = get(para, f) or get(src, f)
        if v is not None:
            out.append((f, v))
    for n, v in para:
        ln = n.lower()
        if ln in ("package", "architecture", "section", "priority", "homepage", "description", "package-type",
                  "build-profiles"):
            continue
        if n in RELATION_FIELDS:
            v = strip_substvars(v, version)
            if not v:
                continue
            # dpkg-deb refuses arch lists and profiles in binary relations
            v = re.sub(r"\s*\[[^\]]*\]|\s*<[^>]*>", "", v)
        elif "${" in v:
            continue
        if ln.startswith("x") and "-" in ln[:3]:
            continue
        out.append((n, v))
    desc = get(para, "Description")
    if desc is not None:
        out.append(("Description", desc))
    return "".join(f"{n}: {v}\n" for n, v in out)


def synthesise(pkgdir, work, extra=None):
    """Build the .dsc and .debs for one corpus package under `work`. Returns a dict with the
    files lintian should read, the binary names, and what was synthesised."""
    name = os.path.basename(pkgdir)
    info = {"package": name, "files": [], "binaries": [], "synthetic_changelog": False, "errors": []}
    control = open(os.path.join(pkgdir, "control"), encoding="utf-8", errors="replace").read()
    paras = paragraphs(control)
    if not paras:
        info["errors"].append("no paragraphs in debian/control")
        return info
    src = paras[0]
    source = (get(src, "Source") or name).strip()
    clpath = os.path.join(pkgdir, "changelog")
    changelog = open(clpath, encoding="utf-8", errors="replace").read() if os.path.exists(clpath) else None
    entry = top_entry(changelog) if changelog else None
    if entry is None or entry[0] != source:
        version = "1.0-1"
        changelog = (f"{source} ({version}) unstable; urgency=medium\n\n  * Synthetic entry.\n\n"
                     f" -- Speclint Compare <compare@example.org>  {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\n")
        info["synthetic_changelog"] = True
    else:
        version = entry[1]
    info["version"] = version
    upstream = version.split(":", 1)[-1]
    native = "-" not in upstream
    if not native:
        upstream = upstream.rsplit("-", 1)[0]
    root = os.path.join(work, f"{source}-{upstream}")
    os.makedirs(os.path.join(root, "debian", "source"))
    with open(os.path.join(root, "README"), "w") as f:
        f.write("synthetic source for lintian\n")
    if not native:
        subprocess.run(["tar", "cJf", os.path.join(work, f"{source}_{upstream}.orig.tar.xz"), "-C", work,
                        "--exclude=debian", os.path.basename(root)], check=True)
    shutil.copy(os.path.join(pkgdir, "control"), os.path.join(root, "debian", "control"))
    if os.path.exists(os.path.join(pkgdir, "copyright")):
        shutil.copy(os.path.join(pkgdir, "copyright"), os.path.join(root, "debian", "copyright"))
    with open(os.path.join(root, "debian", "changelog"), "w", encoding="utf-8") as f:
        f.write(changelog)
    rules = os.path.join(root, "debian", "rules")
    if extra is None:
        with open(os.path.join(root, "debian", "source", "format"), "w") as f:
            f.write("3.0 (native)\n" if native else "3.0 (quilt)\n")
    else:
        # a rule fixture: its own rules, compat, watch, source/format (mode kept); a
        # template debian/rules when it has none
        for dirpath, _, names in os.walk(extra):
            for n in names:
                rel = os.path.relpath(os.path.join(dirpath, n), extra)
                if rel in ("control", "changelog", "copyright"):
                    continue
                dst = os.path.join(root, "debian", rel)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copy2(os.path.join(dirpath, n), dst)
        fmt_file = os.path.join(root, "debian", "source", "format")
        fmt = open(fmt_file).read().strip() if os.path.exists(fmt_file) else "1.0"
        if not native and fmt == "1.0":
            # format 1.0 wants a .orig.tar.gz
            subprocess.run(["tar", "czf", os.path.join(work, f"{source}_{upstream}.orig.tar.gz"), "-C", work,
                            "--exclude=debian", os.path.basename(root)], check=True)
    if not os.path.exists(rules):
        with open(rules, "w") as f:
            f.write("#!/usr/bin/make -f\n%:\n\tdh $@\n")
        os.chmod(rules, 0o755)
    r = subprocess.run(["dpkg-source", "-b", os.path.basename(root)], cwd=work, capture_output=True, text=True)
    dscs = [f for f in os.listdir(work) if f.endswith(".dsc")]
    if r.returncode != 0 or not dscs:
        info["errors"].append("dpkg-source: " + (r.stderr.strip().splitlines() or ["failed"])[-1])
    else:
        info["files"].append(os.path.join(work, dscs[0]))
    for para in paras[1:]:
        ctl = binary_control(src, para, version)
        if ctl is None:
            continue
        bname = get(para, "Package").strip()
        bdir = os.path.join(work, "bin-" + bname)
        os.makedirs(os.path.join(bdir, "DEBIAN"))
        with open(os.path.join(bdir, "DEBIAN", "control"), "w", encoding="utf-8") as f:
            f.write(ctl)
        if not info["binaries"]:
            # the first binary carries the changelog, where lintian's changelog checks read it
            doc = os.path.join(bdir, "usr", "share", "doc", bname)
            os.makedirs(doc)
            with open(os.path.join(doc, "changelog.Debian.gz"), "wb") as f:
                subprocess.run(["gzip", "-9n"], input=changelog.encode("utf-8"), stdout=f, check=True)
        deb = os.path.join(work, f"{bname}_{version.split(':', 1)[-1]}_x.deb")
        r = subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", bdir, deb],
                           capture_output=True, text=True)
        if r.returncode != 0:
            info["errors"].append(f"dpkg-deb {bname}: " + (r.stderr.strip().splitlines() or ["failed"])[-1])
            continue
        info["files"].append(deb)
        info["binaries"].append(bname)
    return info


LINE_RE = re.compile(r"^([EWIPXCON]): (\S+?)(?: (source|udeb|binary|changes|buildinfo))?: (\S+)(?: (.*))?$")


def run_lintian_batch(pkgdirs):
    """lintian over a batch of packages; returns {package: {"tags": [[tag, context, kind]], ...}}."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="debcmp-") as tmp:
        files, owner = [], {}
        for i, d in enumerate(pkgdirs):
            work = os.path.join(tmp, f"p{i}")
            os.makedirs(work)
            try:
                info = synthesise(d, work)
            except Exception as e:  # a corpus file the synthesis cannot handle
                info = {"package": os.path.basename(d), "files": [], "binaries": [], "errors": [f"synthesis: {e}"],
                        "synthetic_changelog": False}
            results[info["package"]] = {"tags": [], "errors": info["errors"], "binaries": info["binaries"],
                                        "synthetic_changelog": info["synthetic_changelog"],
                                        "lintian_ran": bool(info["files"]), "dsc": any(f.endswith(".dsc") for f in info["files"])}
            files += info["files"]
            src = None
            for f in info["files"]:
                if f.endswith(".dsc"):
                    src = open(f, encoding="utf-8", errors="replace").read()
                    m = re.search(r"^Source: (\S+)", src, re.M)
                    owner[("source", m.group(1) if m else "")] = info["package"]
            for b in info["binaries"]:
                owner[("binary", b)] = info["package"]
        if not files:
            return results
        started = time.time()
        r = subprocess.run(["lintian", "--allow-root", "-I", "-E", "--pedantic", "--no-cfg",
                            "--tag-display-limit", "0", *files], capture_output=True, text=True)
        for p in results:
            results[p]["seconds"] = (time.time() - started) / len(results)
        for line in r.stdout.splitlines():
            m = LINE_RE.match(line)
            if not m:
                continue
            sev, pkg, kind, tag, ctx = m.groups()
            key = ("source", pkg) if kind == "source" else ("binary", pkg)
            p = owner.get(key)
            if p is None:
                continue
            results[p]["tags"].append([tag, ctx or "", kind or "binary", sev, pkg])
        if r.returncode not in (0, 2) and r.stderr.strip():
            for p in {owner[k] for k in owner}:
                results[p]["errors"].append("lintian: " + r.stderr.strip().splitlines()[-1])
    return results


# --- speclint --------------------------------------------------------------------------

def run_speclint(speclint, corpus, packages):
    paths = [os.path.join(corpus, p) for p in packages]
    policy = os.path.join(REPO, "policies", "debian.toml")
    out = collections.defaultdict(list)
    for i in range(0, len(paths), 200):
        r = subprocess.run([speclint, "--policy", policy, "--format", "json", "--fail-on", "never", "--isolated",
                            *paths[i:i + 200]], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"speclint failed ({r.returncode}): {r.stderr[-2000:]}")
        data = json.loads(r.stdout)
        findings = data.get("findings", data.get("diagnostics", data)) if isinstance(data, dict) else data
        for d in findings:
            path = os.path.abspath(d.get("path") or d.get("file"))
            pkg = os.path.basename(os.path.dirname(path))
            out[pkg].append((d["rule"], os.path.basename(path), d.get("message", ""), d.get("line")))
    return out

# --- comparison ------------------------------------------------------------------------

CHANGELOG_TAGS = {
    "debian-changelog-has-wrong-day-of-week", "invalid-date-in-debian-changelog",
    "latest-debian-changelog-entry-without-new-date", "debian-changelog-line-too-long",
}
# lintian decides these on the binary packages (the synthetic .debs)
BINARY_TAGS = {
    "description-synopsis-starts-with-article", "synopsis-is-a-sentence", "synopsis-too-long",
    "description-starts-with-package-name", "description-too-short", "description-synopsis-is-duplicated",
    "extended-description-is-empty", "extended-description-is-probably-too-short",
    "extended-description-line-too-long", "bad-package-name", "package-relation-with-self",
    "priority-extra-is-replaced-by-priority-optional", "unknown-priority", "unknown-section",
    "description-synopsis-is-empty", "description-contains-tabs", "description-is-dh_make-template",
    "using-first-person-in-description", "wrong-section-according-to-package-name", "conflicts-with-version",
} | CHANGELOG_TAGS
SYNOPSIS_TAGS = {
    "description-synopsis-starts-with-article", "synopsis-is-a-sentence", "synopsis-too-long",
    "description-starts-with-package-name", "description-too-short", "description-synopsis-is-empty",
}
EXTENDED_TAGS = {
    "description-synopsis-is-duplicated", "extended-description-is-empty", "extended-description-is-probably-too-short",
    "extended-description-line-too-long", "description-contains-tabs", "description-is-dh_make-template",
    "using-first-person-in-description",
}
# tags that need the real debian/changelog (its date or its version)
NEEDS_CHANGELOG = CHANGELOG_TAGS | {"timewarp-standards-version", "no-homepage-field"}
DEBHELPER_TAGS = {
    "debhelper-but-no-misc-depends", "package-uses-old-debhelper-compat-version",
    "package-uses-deprecated-debhelper-compat-version",
}
# speclint rules lintian cannot show on this corpus, and why
NOT_MEASURABLE = dict(NOT_COMPARABLE)
NOT_MEASURABLE.update({
    "bad-distribution-in-changes-file": "lintian checks it on a .changes file, which the comparison does not build",
    "declares-possibly-conflicting-debhelper-compat-versions": "the corpus has no debian/compat",
    "debian-rules-not-a-makefile": "the corpus has no debian/rules",
    "older-source-format": "the corpus has no debian/source/format",
    "unknown-debian-watch-file-standard": "the corpus has no debian/watch",
    "missing-debian-watch-file-standard": "the corpus has no debian/watch",
    "obsolete-debian-watch-file-standard": "the corpus has no debian/watch",
})


def control_layout(path):
    """[(first_line, last_line, package or None, is_udeb, synopsis has substvars, extended
    description has substvars)] of a control file."""
    out, start, fields = [], None, {}
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    last = None
    for i, line in enumerate(lines + [""], 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if start is not None:
                desc = fields.get("description", "")
                syn, _, ext = desc.partition("\n")
                out.append((start, i - 1, fields.get("package"), fields.get("package-type", "deb").strip() == "udeb",
                            "${" in syn, "${" in ext))
            start, fields, last = None, {}, None
            continue
        if start is None:
            start = i
        m = re.match(r"^([^:\s]+)\s*:(.*)$", line)
        if m and line[0] not in " \t":
            last = m.group(1).lower()
            fields[last] = m.group(2).strip()
        elif last:
            fields[last] += "\n" + line
    return out


def builds_with_debhelper(control_text):
    text = " ".join(m2.group(0) for m2 in re.finditer(r"^Build-Depends(?:-Indep|-Arch)?:.*(?:\n[ \t].*)*", control_text, re.M | re.I))
    return bool(re.search(r"(?<![\w.+-])(?:debhelper|debhelper-compat|dh-sequence-[\w.+-]+)(?![\w.+-])", text))


def compare(args, packages, cache, lintian_time):
    t0 = time.time()
    speclint = args.speclint
    if not os.path.exists(speclint) and shutil.which(speclint) is None:
        print(f"skipped: no speclint binary at {speclint}")
        return 0
    spec = run_speclint(speclint, os.path.abspath(args.corpus), packages)
    speclint_time = time.time() - t0
    rules = sorted(os.path.basename(f)[:-5] for f in os.listdir(os.path.join(REPO, "rules", "debian"))
                   if f.endswith(".rhai") and not f.startswith("_"))

    counts = {r: [0, 0, 0] for r in rules}   # both, only speclint, only lintian
    excluded = collections.Counter()
    disagreements = collections.defaultdict(list)
    refused = 0
    used = 0
    for p in packages:
        res = cache.get(p)
        if not res:
            continue
        if not res.get("dsc"):
            refused += 1
            continue
        used += 1
        cpath = os.path.join(args.corpus, p, "control")
        layout = control_layout(cpath)
        ctext = open(cpath, encoding="utf-8", errors="replace").read()
        udebs = {e[2] for e in layout if e[2] and e[3]}
        subst_synopsis = {e[2] for e in layout if e[2] and e[4]}
        subst_extended = {e[2] for e in layout if e[2] and e[5]}
        deb_failed = any(e.startswith("dpkg-deb") for e in res["errors"])
        dh = builds_with_debhelper(ctext)

        def para_of(line):
            for e in layout:
                if e[0] <= line <= e[1]:
                    return e[2]
            return None

        # speclint: tag -> messages, dropping what lintian cannot see by construction
        s_tags = collections.defaultdict(list)
        for rule, fname, msg, line in spec.get(p, []):
            if not rule.startswith("debian/"):
                continue
            tag = rule[len("debian/"):]
            if fname == "control" and tag in BINARY_TAGS and line:
                pk = para_of(line)
                if pk in udebs:
                    excluded["speclint finding in a udeb paragraph (no .deb built)"] += 1
                    continue
            s_tags[tag].append(f"{fname}:{line}: {msg}")
        l_tags = collections.defaultdict(list)
        for t in res["tags"]:
            tag, ctx, kind = t[0], t[1], t[2]
            binary = t[4] if len(t) > 4 else None
            if kind != "source" and ((tag in SYNOPSIS_TAGS and binary in subst_synopsis)
                                     or (tag in EXTENDED_TAGS and binary in subst_extended)):
                # the synthetic .deb keeps a ${...} Description that dpkg-gencontrol would have filled in
                excluded["lintian description finding on a substvar Description (not substituted in the .deb)"] += 1
                continue
            l_tags[tag].append(f"{kind} {binary or ''}: {ctx}")

        for tag in rules:
            if tag in NOT_MEASURABLE:
                continue
            if tag in NEEDS_CHANGELOG and res.get("synthetic_changelog"):
                excluded["changelog-dependent tag, the corpus package has no changelog (a synthetic one was used)"] += 1 if (tag in s_tags or tag in l_tags) else 0
                continue
            if tag in CHANGELOG_TAGS and deb_failed:
                excluded["changelog tag, lintian reads it from a .deb that could not be built"] += 1 if (tag in s_tags or tag in l_tags) else 0
                continue
            if tag in BINARY_TAGS and deb_failed:
                excluded["binary tag, a .deb of the package could not be built"] += 1 if (tag in s_tags or tag in l_tags) else 0
                continue
            if tag in ("package-uses-old-debhelper-compat-version", "package-uses-deprecated-debhelper-compat-version") \
                    and not re.search(r"debhelper-compat\s*\(", ctext):
                excluded["debhelper level tag, no debhelper-compat (the corpus lacks debian/compat, lintian assumed level 1)"] += 1 if (tag in s_tags or tag in l_tags) else 0
                continue
            if tag in DEBHELPER_TAGS and not dh:
                excluded["debhelper tag, package does not build-depend on debhelper (lintian saw the synthetic dh rules)"] += 1 if (tag in s_tags or tag in l_tags) else 0
                continue
            s, l = tag in s_tags, tag in l_tags
            if s and l:
                counts[tag][0] += 1
            elif s:
                counts[tag][1] += 1
                disagreements[tag].append((p, "only speclint", s_tags[tag]))
            elif l:
                counts[tag][2] += 1
                disagreements[tag].append((p, "only lintian", l_tags[tag]))
    return report(args, rules, counts, excluded, disagreements, used, refused, len(packages), lintian_time, speclint_time,
                  {p: cache[p] for p in packages if p in cache})


def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "    -"


def report(args, rules, counts, excluded, disagreements, used, refused, total, lintian_time, speclint_time, cache):
    print(f"debian policy vs lintian {lintian_version()} on {used} of {total} corpus packages "
          f"({refused} without a .dsc: dpkg-source refused the synthetic package)")
    secs = sum(v.get("seconds", 0) for v in cache.values() if isinstance(v, dict))
    print(f"lintian: {secs:.0f} s of lintian process time for these packages ({secs / max(used, 1):.1f} s each; "
          f"{lintian_time:.0f} s wall this run, the rest from the cache); speclint: {speclint_time:.1f} s wall for all of them")
    print()
    print(f"{'tag':58} {'both':>5} {'only-s':>6} {'only-l':>6} {'precision':>9} {'recall':>7}")
    tb = ts = tl = 0
    for tag in rules:
        if tag in NOT_MEASURABLE:
            continue
        b, s, l = counts[tag]
        tb += b; ts += s; tl += l
        print(f"{tag:58} {b:5} {s:6} {l:6} {pct(b, b + s):>9} {pct(b, b + l):>7}")
    print(f"{'overall':58} {tb:5} {ts:6} {tl:6} {pct(tb, tb + ts):>9} {pct(tb, tb + tl):>7}")
    print()
    print("not measurable on this corpus:")
    for tag in rules:
        if tag in NOT_MEASURABLE:
            print(f"  {tag}: {NOT_MEASURABLE[tag]}")
    if excluded:
        print("excluded (artefacts of the synthetic packages):")
        for k, v in excluded.most_common():
            if v:
                print(f"  {v:4}  {k}")
    if args.show:
        print()
        for p, side, msgs in disagreements.get(args.show, []):
            print(f"{p}: {side}")
            for m in msgs[:5]:
                print(f"    {m}")
    precision = tb / (tb + ts) if tb + ts else 1.0
    if precision < 0.9:
        print(f"\nFAIL: overall precision {precision:.1%} is below 90 %")
        return 1
    return 0


def lintian_version():
    try:
        return subprocess.run(["lintian", "--version"], capture_output=True, text=True).stdout.split()[-1]
    except Exception:
        return "?"


# --- the rule fixtures through lintian ---------------------------------------------------

TEMPLATE_CONTROL = """Source: hello
Section: utils
Priority: optional
Maintainer: Jane Doe <jane@example.org>
Build-Depends: debhelper-compat (= 13)
Standards-Version: 4.6.2
Homepage: https://example.org/hello
Rules-Requires-Root: no

Package: hello
Architecture: any
Depends: ${misc:Depends}, ${shlibs:Depends}
Description: friendly greeting program
 GNU hello prints a friendly greeting. It serves as an example of how
 to package a program that follows the GNU coding standards.
"""
TEMPLATE_CHANGELOG = """hello (2.10-3) unstable; urgency=medium

  * Upload.

 -- Jane Doe <jane@example.org>  Sat, 17 Dec 2022 12:00:00 +0000
"""
TEMPLATE_COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: hello

Files: *
Copyright: 2022 Jane Doe <jane@example.org>
License: GPL-2+

License: GPL-2+
 On Debian systems, the full text of the GNU General Public License version 2
 can be found in the file `/usr/share/common-licenses/GPL-2'.
"""


def fixture_package(fixdir, work):
    """A corpus-like package directory (control, copyright, changelog, and the other debian/
    files of the fixture) for synthesise(); returns (pkgdir, extra files to copy)."""
    deb = os.path.join(fixdir, "debian")
    pkgdir = os.path.join(work, "in", "hello")
    os.makedirs(pkgdir)
    for name, template in (("control", TEMPLATE_CONTROL), ("changelog", TEMPLATE_CHANGELOG), ("copyright", TEMPLATE_COPYRIGHT)):
        src = os.path.join(deb, name)
        if os.path.exists(src):
            shutil.copy(src, os.path.join(pkgdir, name))
        else:
            with open(os.path.join(pkgdir, name), "w") as f:
                f.write(template)
    return pkgdir


# why lintian cannot agree with a fixture, where that is known
FIXTURE_NOTES = {
    "bad-distribution-in-changes-file": "lintian reads the distribution from a .changes file only",
}


def run_fixtures(args):
    """Every rule fixture (fail/ and pass/) as a source package through lintian: does lintian
    report the rule's tag on the fail fixture and not on the pass one?"""
    rules_dir = os.path.join(REPO, "rules", "debian")
    rows = []
    for rule in sorted(f[:-5] for f in os.listdir(rules_dir) if f.endswith(".rhai") and not f.startswith("_")):
        for side in ("fail", "pass"):
            fixdir = os.path.join(rules_dir, rule, side)
            if not os.path.isdir(os.path.join(fixdir, "debian")):
                continue
            if args.only and not rule.startswith(args.only):
                continue
            rows.append((rule, side, fixdir))

    def one(row):
        rule, side, fixdir = row
        with tempfile.TemporaryDirectory(prefix="debfix-") as tmp:
            pkgdir = fixture_package(fixdir, tmp)
            work = os.path.join(tmp, "build")
            os.makedirs(work)
            info = synthesise(pkgdir, work, extra=os.path.join(fixdir, "debian"))
            if not any(f.endswith(".dsc") for f in info["files"]):
                return rule, side, None, f"{side}: " + "; ".join(info["errors"])[:90]
            r = subprocess.run(["lintian", "--allow-root", "-I", "-E", "--pedantic", "--no-cfg",
                                "--tag-display-limit", "0", *info["files"]], capture_output=True, text=True)
            tags = {m.group(4) for m in map(LINE_RE.match, r.stdout.splitlines()) if m}
            note = f"{side}: " + "; ".join(info["errors"])[:90] if info["errors"] else ""
            if rule not in tags and any(e.startswith("dpkg-deb") for e in info["errors"]):
                return rule, side, None, note    # the binary lintian would check was refused
            return rule, side, rule in tags, note

    with cf.ThreadPoolExecutor(max_workers=args.j) as ex:
        results = list(ex.map(one, rows))
    by_rule = collections.defaultdict(dict)
    for rule, side, fired, note in results:
        by_rule[rule][side] = (fired, note)
    agree = disagree = unmeasured = 0
    print(f"{'rule fixture (lintian on the fixture as a source package)':62} {'fail':>5} {'pass':>5}")
    for rule in sorted(by_rule):
        cells = []
        ok = True
        for side in ("fail", "pass"):
            fired, note = by_rule[rule].get(side, (None, "no fixture"))
            if fired is None:
                cells.append("  n/a")
            else:
                want = side == "fail"
                cells.append("  yes" if fired == want else "   NO")
                ok = ok and fired == want
        notes = "; ".join([n for f, n in by_rule[rule].values() if n] + ([FIXTURE_NOTES[rule]] if rule in FIXTURE_NOTES else []))
        fail_fired = by_rule[rule].get("fail", (None, ""))[0]
        if not ok:
            disagree += 1
        elif fail_fired is None:
            unmeasured += 1
        else:
            agree += 1
        print(f"{rule:62} {cells[0]:>5} {cells[1]:>5}  {notes}")
    print(f"\nlintian agrees with both fixtures of {agree} rules and disagrees with {disagree}; for {unmeasured} more, "
          "dpkg-source or dpkg-deb refuses the fail/ fixture before lintian runs (n/a) and lintian agrees on pass/ "
          "(yes: lintian reports the tag on fail/ and not on pass/)")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--speclint", default=os.path.join("target", "release", "speclint"))
    ap.add_argument("--corpus", default=os.path.join("..", "shared", "corpus", "debian"))
    ap.add_argument("--limit", type=int, help="compare only N packages (a deterministic sample)")
    ap.add_argument("--cache", help="read/write lintian results here (JSON, per package)")
    ap.add_argument("-j", type=int, default=2, help="lintian processes (default 2)")
    ap.add_argument("--batch", type=int, default=12, help="packages per lintian process")
    ap.add_argument("--show", metavar="TAG", help="list the packages where the tools disagree on TAG")
    ap.add_argument("--lintian-only", action="store_true", help="fill the cache and stop")
    ap.add_argument("--cached-only", action="store_true", help="compare only the packages in the cache; run no lintian")
    ap.add_argument("--fixtures", action="store_true", help="run lintian on every rule fixture instead of the corpus")
    ap.add_argument("--only", metavar="PREFIX", help="with --fixtures: only the rules whose name starts with PREFIX")
    args = ap.parse_args()

    for tool in ("lintian", "dpkg-source", "dpkg-deb"):
        if not shutil.which(tool):
            print(f"skipped: {tool} is not installed")
            return 0
    if args.fixtures:
        return run_fixtures(args)
    if not os.path.isdir(args.corpus):
        print(f"skipped: no corpus at {args.corpus}")
        return 0
    if not args.lintian_only and not os.path.exists(args.speclint) and shutil.which(args.speclint) is None:
        print(f"skipped: no speclint binary at {args.speclint} (build it, or pass --speclint PATH)")
        return 0
    packages = sorted(p for p in os.listdir(args.corpus) if os.path.isfile(os.path.join(args.corpus, p, "control")))
    if args.limit and args.limit < len(packages):
        # deterministic sample: the packages whose name hashes lowest
        packages = sorted(sorted(packages, key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:args.limit])

    cache = {}
    if args.cache and os.path.exists(args.cache):
        cache = json.load(open(args.cache))
    todo = [p for p in packages if p not in cache]
    if args.cached_only:
        packages = [p for p in packages if p in cache]
        todo = []
    t0 = time.time()
    if todo:
        log(f"lintian: {len(todo)} packages to run ({len(packages) - len(todo)} cached), {args.j} processes")
        batches = [todo[i:i + args.batch] for i in range(0, len(todo), args.batch)]
        done = 0
        with cf.ThreadPoolExecutor(max_workers=args.j) as ex:
            futs = [ex.submit(run_lintian_batch, [os.path.join(args.corpus, p) for p in b]) for b in batches]
            for fut in cf.as_completed(futs):
                cache.update(fut.result())
                done += 1
                if args.cache:
                    tmp = args.cache + ".tmp"
                    json.dump(cache, open(tmp, "w"))
                    os.replace(tmp, args.cache)
                log(f"  {done}/{len(batches)} batches, {time.time() - t0:.0f} s")
    lintian_time = time.time() - t0
    if args.lintian_only:
        return 0
    return compare(args, packages, cache, lintian_time)


if __name__ == "__main__":
    sys.exit(main())
