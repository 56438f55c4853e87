#!/usr/bin/env bash
# Check the immunos corpus with the real tools of each channel, independently of speclint:
#   pypi    validate-pyproject on good/pyproject.toml; `python -m build --sdist`; `twine check`;
#           the sdist holds LICENSE, README.md and CHANGELOG.md; its unit tests pass; its
#           normalised sha256 is the digest written in the formula, the winget manifest and the
#           flatpak manifest
#   debian  dpkg-parsechangelog; debian.deb822 / debian.copyright parse control and copyright;
#           debian/rules is executable and a make file; dpkg-source builds a source package
#           from the sdist (as the .orig.tar.gz) and good/debian; lintian on the .dsc (errors fail)
#   rpm     rpmspec -P and -q; rpmlint on the spec (errors fail); rpmbuild -bs with the sdist
#   npm     npm pack --dry-run in good/ (name, version, bin/immunos.js, LICENSE, README.md)
#   files   every JSON, YAML and XML file of good/ and broken/ parses; ruby -c on the formula
#   corpus  each broken/<rule>/ is good/ with exactly one file changed, removed or re-moded,
#           and each line of its EXPECTED names that file (or the removed one, at line 1)
# Run from the repository root: bash corpus/immunos/check-with-real-tools.sh
# Exits 1 if a check fails (each failure is printed as FAIL), 0 otherwise. A part whose tool is
# missing is skipped with a message (PYTHON=, NPM=, RPMSPEC= select other binaries).
set -euo pipefail

C=corpus/immunos
G=$C/good
if [ ! -f "$G/pyproject.toml" ]; then
    echo "run this from the repository root (no $G/pyproject.toml here)" >&2
    exit 2
fi
PYTHON=${PYTHON:-python3}
NPM=${NPM:-npm}
RPMSPEC=${RPMSPEC:-rpmspec}
VERSION=1.4.2
# The sdist is repacked with these settings so that its digest does not depend on the time or
# the umask of the build: the release date, sorted names, root-owned, no gzip time stamp.
EPOCH=1794268800 # 2026-11-10T00:00:00Z, the release date of 1.4.2 in CHANGELOG.md

failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
ok() { echo "ok    $*"; }
skip() { echo "skip  $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SDIST=

# A python with the given modules: $PYTHON, else Debian's /usr/bin/python3 (python3-debian and
# python3-yaml are Debian packages, which a pyenv or venv python does not see).
python_with() {
    local py
    for py in "$PYTHON" /usr/bin/python3; do
        if have "$py" && "$py" -c "import $1" 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------------
check_pypi() {
    echo "== pypi"
    if have validate-pyproject; then
        if validate-pyproject "$G/pyproject.toml" >"$TMP/vp" 2>&1; then
            ok "validate-pyproject $G/pyproject.toml"
        else
            fail "validate-pyproject: $(tr '\n' ' ' <"$TMP/vp")"
        fi
    else
        skip "validate-pyproject is not installed (pip install validate-pyproject)"
    fi

    if ! "$PYTHON" -c 'import build' 2>/dev/null; then
        skip "python -m build: the build module is not installed (pip install build)"
        return 0
    fi
    # Build from a copy, so that no egg-info or dist/ is left in the corpus.
    cp -r "$G" "$TMP/src"
    if (cd "$TMP/src" && "$PYTHON" -m build --sdist --outdir "$TMP/dist" . >"$TMP/build.log" 2>&1); then
        ok "python -m build --sdist ($(grep -o 'setuptools==[0-9.]*' "$TMP/build.log" | head -1))"
    elif (cd "$TMP/src" && "$PYTHON" -m build --sdist --no-isolation --outdir "$TMP/dist" . >"$TMP/build.log" 2>&1); then
        ok "python -m build --sdist --no-isolation (no index reachable for an isolated build)"
    else
        fail "python -m build --sdist: $(tail -5 "$TMP/build.log" | tr '\n' ' ')"
        return 0
    fi
    if grep -qi 'deprecat' "$TMP/build.log"; then
        fail "the sdist build warns about deprecated configuration: $(grep -i 'deprecat' "$TMP/build.log" | sort -u | tr '\n' ' ')"
    fi
    local built=$TMP/dist/immunos-$VERSION.tar.gz
    if [ ! -f "$built" ]; then
        fail "no $built: $(ls "$TMP/dist")"
        return 0
    fi
    if have twine; then
        if twine check --strict "$built" >"$TMP/twine" 2>&1; then
            ok "twine check --strict immunos-$VERSION.tar.gz"
        else
            fail "twine check: $(tr '\n' ' ' <"$TMP/twine")"
        fi
    else
        skip "twine is not installed (pip install twine)"
    fi

    local f
    for f in LICENSE README.md CHANGELOG.md PKG-INFO src/immunos/__init__.py tests/test_cli.py; do
        tar -tzf "$built" "immunos-$VERSION/$f" >/dev/null 2>&1 || fail "the sdist lacks $f"
    done
    ok "the sdist holds LICENSE, README.md, CHANGELOG.md and the tests"

    # Repack deterministically; this is the artefact whose digest the packaging files carry.
    mkdir "$TMP/unpacked"
    tar -xzf "$built" -C "$TMP/unpacked"
    SDIST=$TMP/immunos-$VERSION.tar.gz
    tar -C "$TMP/unpacked" --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
        --mode='u=rwX,go=rX' --format=gnu -cf - "immunos-$VERSION" | gzip -9n >"$SDIST"
    local digest
    digest=$(sha256sum "$SDIST" | cut -d' ' -f1)
    echo "      sha256 of the normalised sdist: $digest"

    (cd "$TMP/unpacked/immunos-$VERSION" \
        && PYTHONPATH=src "$PYTHON" -m unittest discover -s tests >"$TMP/unittest" 2>&1) \
        && ok "the sdist's unit tests pass" \
        || fail "unit tests: $(tail -5 "$TMP/unittest" | tr '\n' ' ')"
    local said
    said=$(cd "$TMP/unpacked/immunos-$VERSION" && PYTHONPATH=src "$PYTHON" -m immunos --version)
    [ "$said" = "immunos $VERSION" ] && ok "python -m immunos --version: $said" \
        || fail "python -m immunos --version says '$said'"

    # Every checksum of good/ is this digest, except the flatpak's setuptools wheel.
    local carried
    carried=$(grep -rhoiE '\b[0-9a-f]{64}\b' "$G" | tr 'A-F' 'a-f' | sort | uniq -c)
    echo "$carried" | sed 's/^/      /'
    if echo "$carried" | grep -q " $digest\$"; then
        ok "the formula, winget and flatpak digests are the normalised sdist's"
    else
        # The digest was made with setuptools 84.2.1; another version writes another PKG-INFO.
        echo "note  the corpus digest is not this build's (another setuptools writes another PKG-INFO?)"
    fi
}

# ---------------------------------------------------------------------------------------------
check_debian() {
    echo "== debian"
    if have dpkg-parsechangelog; then
        local v
        if v=$(dpkg-parsechangelog -l "$G/debian/changelog" -S Version 2>"$TMP/err"); then
            [ "$v" = "$VERSION-1" ] && ok "dpkg-parsechangelog: $v" || fail "dpkg-parsechangelog: version $v"
        else
            fail "dpkg-parsechangelog: $(tr '\n' ' ' <"$TMP/err")"
        fi
    else
        skip "dpkg-parsechangelog is not installed (apt-get install dpkg-dev)"
    fi

    local py
    if py=$(python_with debian.deb822); then
        if "$py" - "$G/debian" >"$TMP/deb822" 2>&1 <<'PY'; then
import sys
from debian import copyright, deb822
d = sys.argv[1]
with open(f"{d}/control") as f:
    paras = list(deb822.Deb822.iter_paragraphs(f))
src, binp = paras
assert src["Source"] == "immunos" and binp["Package"] == "immunos", paras
assert "debhelper-compat (= 13)" in src["Build-Depends"], src["Build-Depends"]
assert "${misc:Depends}" in binp["Depends"], binp["Depends"]
with open(f"{d}/copyright") as f:
    c = copyright.Copyright(f, strict=True)
licenses = {p.license.synopsis for p in c.all_files_paragraphs()}
assert licenses == {"Expat"}, licenses
print(f"control: {len(paras)} paragraphs; copyright: {len(list(c.all_files_paragraphs()))} Files paragraphs, License: Expat")
PY
            ok "debian.deb822 / debian.copyright ($py): $(cat "$TMP/deb822")"
        else
            fail "debian.deb822: $(tr '\n' ' ' <"$TMP/deb822")"
        fi
    else
        skip "python3-debian is not installed (apt-get install python3-debian)"
    fi

    if [ -x "$G/debian/rules" ] && [ "$(head -1 "$G/debian/rules")" = "#!/usr/bin/make -f" ]; then
        ok "debian/rules is executable and starts with #!/usr/bin/make -f"
    else
        fail "debian/rules is not executable or does not start with #!/usr/bin/make -f"
    fi
    if have make && make -n -f "$G/debian/rules" build >"$TMP/make" 2>"$TMP/err"; then
        ok "make -n -f debian/rules build: $(tr '\n' ' ' <"$TMP/make")"
    elif have make; then
        fail "make -n -f debian/rules: $(tr '\n' ' ' <"$TMP/err")"
    fi

    if ! have dpkg-source; then
        skip "dpkg-source is not installed (apt-get install dpkg-dev)"
        return 0
    fi
    if [ -z "$SDIST" ]; then
        skip "dpkg-source -b: no sdist was built (see pypi)"
        return 0
    fi
    # The sdist is the upstream tarball; good/debian/ is the packaging.
    mkdir "$TMP/deb"
    cp "$SDIST" "$TMP/deb/immunos_$VERSION.orig.tar.gz"
    tar -xzf "$SDIST" -C "$TMP/deb"
    cp -a "$G/debian" "$TMP/deb/immunos-$VERSION/"
    if (cd "$TMP/deb" && dpkg-source -b "immunos-$VERSION" >"$TMP/dpkg-source" 2>&1); then
        ok "dpkg-source -b: $(cd "$TMP/deb" && ls ./*.dsc ./*.debian.tar.* | tr '\n' ' ')"
    else
        fail "dpkg-source -b: $(tr '\n' ' ' <"$TMP/dpkg-source")"
        return 0
    fi
    if have lintian; then
        lintian --tag-display-limit 0 "$TMP/deb/immunos_$VERSION-1.dsc" >"$TMP/lintian" 2>&1 || true
        if grep -q '^E:' "$TMP/lintian"; then
            fail "lintian errors: $(grep '^E:' "$TMP/lintian" | tr '\n' ' ')"
        else
            ok "lintian immunos_$VERSION-1.dsc: no errors"
        fi
        sed 's/^/      /' "$TMP/lintian"
    else
        skip "lintian is not installed"
    fi
}

# ---------------------------------------------------------------------------------------------
check_rpm() {
    echo "== rpm"
    local spec=$G/packaging/rpm/immunos.spec
    if ! have "$RPMSPEC"; then
        skip "rpmspec is not installed (apt-get install rpm)"
        return 0
    fi
    if "$RPMSPEC" -P "$spec" >"$TMP/parsed" 2>"$TMP/err"; then
        ok "rpmspec -P $spec ($(wc -l <"$TMP/parsed") lines)"
        [ -s "$TMP/err" ] && fail "rpmspec -P warns: $(tr '\n' ' ' <"$TMP/err")"
    else
        fail "rpmspec -P: $(tr '\n' ' ' <"$TMP/err")"
    fi
    local nvr
    nvr=$("$RPMSPEC" --define 'dist .fc43' -q --srpm --qf '%{NAME}-%{VERSION}-%{RELEASE} %{LICENSE}\n' "$spec" 2>/dev/null || true)
    [ "$nvr" = "immunos-$VERSION-1.fc43 MIT" ] && ok "rpmspec -q: $nvr" || fail "rpmspec -q: '$nvr'"
    grep -q "^Source0: *https://files.pythonhosted.org/packages/source/i/immunos/immunos-$VERSION.tar.gz$" "$TMP/parsed" \
        && ok "Source0 expands to the PyPI sdist" || fail "Source0 does not expand to the PyPI sdist"

    if have rpmlint; then
        rpmlint "$spec" >"$TMP/rpmlint" 2>&1 || true
        if grep -qE ' E: ' "$TMP/rpmlint"; then
            fail "rpmlint errors: $(grep ' E: ' "$TMP/rpmlint" | tr '\n' ' ')"
        else
            ok "rpmlint $spec: $(tail -1 "$TMP/rpmlint")"
        fi
        grep -E ' [WE]: ' "$TMP/rpmlint" | sed 's/^/      /' || true
    else
        skip "rpmlint is not installed"
    fi

    if have rpmbuild && [ -n "$SDIST" ]; then
        mkdir -p "$TMP/rpm/SOURCES"
        cp "$SDIST" "$TMP/rpm/SOURCES/"
        if rpmbuild --define "_topdir $TMP/rpm" --define 'dist .fc43' -bs "$spec" >"$TMP/rpmbuild" 2>&1; then
            ok "rpmbuild -bs: $(basename "$(find "$TMP/rpm/SRPMS" -name '*.src.rpm')")"
        else
            fail "rpmbuild -bs: $(tail -3 "$TMP/rpmbuild" | tr '\n' ' ')"
        fi
    fi
}

# ---------------------------------------------------------------------------------------------
check_npm() {
    echo "== npm"
    if ! have "$NPM"; then
        skip "npm is not installed"
        return 0
    fi
    if (cd "$G" && npm_config_cache="$TMP/npm-cache" "$NPM" pack --dry-run --json --ignore-scripts >"$TMP/npm.json" 2>"$TMP/npm.err"); then
        local py
        py=$(python_with json) || { skip "npm pack: no python to read its JSON"; return 0; }
        if "$py" - "$TMP/npm.json" "$VERSION" >"$TMP/npm.out" 2>&1 <<'PY'; then
import json, sys
(pack,) = json.load(open(sys.argv[1]))
files = sorted(f["path"] for f in pack["files"])
assert pack["name"] == "@biobitworks/immunos", pack["name"]
assert pack["version"] == sys.argv[2], pack["version"]
assert files == ["LICENSE", "README.md", "bin/immunos.js", "package.json"], files
print(f'{pack["filename"]}: {" ".join(files)}')
PY
            ok "npm pack --dry-run: $(cat "$TMP/npm.out")"
        else
            fail "npm pack --dry-run: $(tr '\n' ' ' <"$TMP/npm.out")"
        fi
        # Warnings about the machine's own npm configuration are not the package's.
        if grep -i 'warn' "$TMP/npm.err" | grep -viq 'unknown \(user\|env\|project\|global\) config'; then
            fail "npm pack warns: $(grep -i warn "$TMP/npm.err" | tr '\n' ' ')"
        fi
    else
        fail "npm pack --dry-run: $(tr '\n' ' ' <"$TMP/npm.err")"
    fi
    if have node; then
        node --check "$G/bin/immunos.js" 2>"$TMP/err" && ok "node --check bin/immunos.js" \
            || fail "node --check: $(cat "$TMP/err")"
    fi
}

# ---------------------------------------------------------------------------------------------
check_files() {
    echo "== files: JSON, YAML and XML parse"
    local py
    if ! py=$(python_with yaml); then
        skip "no python with PyYAML"
        return 0
    fi
    if "$py" - "$C" >"$TMP/files" 2>&1 <<'PY'; then
import json, pathlib, sys, xml.etree.ElementTree as ET
import yaml
root = pathlib.Path(sys.argv[1])
counts = {"json": 0, "yaml": 0, "xml": 0}
bad = []
for path in sorted(root.rglob("*")):
    if not path.is_file():
        continue
    try:
        if path.suffix == ".json":
            json.loads(path.read_text()); counts["json"] += 1
        elif path.suffix in (".yml", ".yaml"):
            yaml.safe_load(path.read_text()); counts["yaml"] += 1
        elif path.suffix == ".nuspec":
            ET.parse(path); counts["xml"] += 1
    except Exception as e:
        bad.append(f"{path}: {e}")
good = root / "good"
snap = yaml.safe_load((good / "snap/snapcraft.yaml").read_text())
assert snap["version"] == "1.4.2" and snap["grade"] == "stable" and snap["confinement"] == "strict", snap
winget = yaml.safe_load((good / "packaging/winget/BiobitWorks.Immunos.yaml").read_text())
for key in ("PackageIdentifier", "PackageVersion", "PackageLocale", "Publisher", "PackageName",
            "License", "ShortDescription", "Installers", "ManifestType", "ManifestVersion"):
    assert key in winget, f"winget manifest lacks {key}"
assert str(winget["PackageVersion"]) == "1.4.2", winget["PackageVersion"]
flatpak = yaml.safe_load((good / "flatpak/com.biobitworks.Immunos.yml").read_text())
assert flatpak["app-id"] == "com.biobitworks.Immunos"
# No winget, flatpak or brew here: re-state the constraints their tools enforce.
import re
ident = r'[^.\s\\/:*?"<>|\x01-\x1f]{1,32}'   # winget schema 1.9.0, PackageIdentifier
assert re.fullmatch(rf"{ident}(\.{ident}){{1,7}}", winget["PackageIdentifier"]), winget["PackageIdentifier"]
assert winget["ManifestType"] == "singleton" and len(winget["Installers"]) == 1  # singleton: maxItems 1
for inst in winget["Installers"]:
    assert re.fullmatch(r"[A-Fa-f0-9]{64}", inst["InstallerSha256"]), inst
    assert inst["Architecture"] in ("x86", "x64", "arm", "arm64", "neutral"), inst
app_id = flatpak["app-id"]                          # flatpak_is_valid_name()
assert app_id.count(".") >= 2 and len(app_id) <= 255, app_id
for i, part in enumerate(app_id.split(".")):
    last = i == app_id.count(".")
    assert re.fullmatch(r"[A-Za-z_-][A-Za-z0-9_-]*" if last else r"[A-Za-z_][A-Za-z0-9_]*", part), app_id
formula = (good / "packaging/homebrew/immunos.rb").read_text()
desc = re.search(r'^  desc "(.*)"$', formula, re.M).group(1)  # brew audit's desc checks
assert len(desc) <= 80 and not desc.endswith(".") and "immunos" not in desc.lower(), desc
assert not re.match(r"(?i)(a|an|the)\b", desc), desc
assert re.search(r'^  sha256 "[0-9a-f]{64}"$', formula, re.M) and "\n  test do\n" in formula
assert len(snap["summary"]) <= 78 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", snap["name"]), snap
ns = {"n": "http://schemas.microsoft.com/packaging/2015/06/nuspec.xsd"}
nuspec = ET.parse(good / "packaging/chocolatey/immunos.nuspec").getroot()
assert nuspec.find("n:metadata/n:version", ns).text == "1.4.2"
print(f'{counts["json"]} JSON, {counts["yaml"]} YAML, {counts["xml"]} nuspec files parse; '
      "good/'s winget identifier, installer and sha256, flatpak app-id, formula desc and snap name "
      "meet their tools' rules")
if bad:
    print("\n".join(bad)); sys.exit(1)
PY
        ok "$(cat "$TMP/files") ($py)"
    else
        fail "$(tr '\n' ' ' <"$TMP/files")"
    fi
    if have ruby; then
        ruby -c "$G/packaging/homebrew/immunos.rb" >/dev/null 2>"$TMP/err" && ok "ruby -c immunos.rb" \
            || fail "ruby -c immunos.rb: $(cat "$TMP/err")"
    else
        skip "ruby -c immunos.rb: ruby is not installed"
    fi
}

# ---------------------------------------------------------------------------------------------
check_corpus() {
    echo "== corpus: each broken copy is good/ with one defect"
    local py
    py=$(python_with json) || { skip "no python"; return 0; }
    "$py" - "$C" <<'PY' || failures=$((failures + 1))
import os, pathlib, sys
root = pathlib.Path(sys.argv[1])
good = root / "good"

def tree(d):
    files = {}
    for p in sorted(d.rglob("*")):
        if p.is_file() and p.relative_to(d).as_posix() != "EXPECTED":
            files[p.relative_to(d).as_posix()] = (p.read_bytes(), os.access(p, os.X_OK))
    return files

reference = tree(good)
failed = 0
for d in sorted((root / "broken").iterdir()):
    rule = d.name
    copy = tree(d)
    changed = []
    for rel in sorted(reference.keys() | copy.keys()):
        a, b = reference.get(rel), copy.get(rel)
        if a is None:
            changed.append((rel, "added"))
        elif b is None:
            changed.append((rel, "removed"))
        elif a[0] != b[0]:
            changed.append((rel, "edited"))
        elif a[1] != b[1]:
            changed.append((rel, "mode"))
    problems = []
    if len(changed) != 1:
        problems.append(f"{len(changed)} files differ from good/: {changed}")
    expected = (d / "EXPECTED").read_text().splitlines() if (d / "EXPECTED").exists() else []
    if not expected:
        problems.append("no EXPECTED")
    for line in expected:
        place, _, finding = line.partition(" ")
        rel, _, number = place.rpartition(":")
        if finding != f"immunos/{rule}":
            problems.append(f"EXPECTED names another rule: {line}")
        if changed and rel != changed[0][0]:
            problems.append(f"EXPECTED names {rel}, the defect is in {changed[0][0]}")
        if rel in copy:
            if not 1 <= int(number) <= len(copy[rel][0].decode().splitlines()):
                problems.append(f"{rel} has no line {number}")
        elif number != "1":
            problems.append(f"{rel} is missing: its finding must be at line 1")
    if problems:
        failed += 1
        print(f"FAIL  {rule}: " + "; ".join(problems))
    else:
        print(f"ok    {rule}: {changed[0][0]} {changed[0][1]} -> {' '.join(expected)}")
sys.exit(1 if failed else 0)
PY
}

check_pypi
check_debian
check_rpm
check_npm
check_files
check_corpus

echo
if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
