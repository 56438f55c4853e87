#!/usr/bin/env bash
# Check the Phoreus corpus with the real tools, independently of speclint:
#   rpm   every spec (good/ and broken/) parses with rpmspec and the Phoreus macros; the good
#         specs give the Name/Version/Release their file names promise; the core package writes
#         exactly macros.phoreus and a working profile script; every good payload writes the
#         modulefile found in good/installed/; every meta requires a payload of the tree and
#         links default.lua where good/installed/ has it.
#   Lmod  every modulefile of good/installed/ evaluates (`lmod bash show tool/version`), the
#         default of each tool is the meta package's version, and every modulefile of the
#         broken installed trees still evaluates (their defects are policy, not Lua).
# Run from the repository root: bash corpus/phoreus/check-with-real-tools.sh
# Exits 1 if a check fails (each failure is printed as FAIL), 0 otherwise; a part whose tool
# (rpmspec, Lmod) is not installed is skipped with a message.
set -euo pipefail

C=corpus/phoreus
if [ ! -f "$C/macros.phoreus" ]; then
    echo "run this from the repository root (no $C/macros.phoreus here)" >&2
    exit 2
fi
MACROS=$C/macros.phoreus
GOOD=$C/good
MODS=$GOOD/installed/usr/local/phoreus/modules
RPMSPEC=${RPMSPEC:-rpmspec}
LMOD=${LMOD:-/usr/share/lmod/lmod/libexec/lmod}
DIST=.el9

failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
ok() { echo "ok    $*"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rpmspec_() { "$RPMSPEC" --load "$MACROS" --define "dist $DIST" "$@"; }

# The modulefile a payload spec writes in %install (by the macro or by hand): the body of the
# `cat > .../modules/<tool>/<version>.lua <<'DELIM'` here-document, after rpm's expansion.
render_modulefile() {
    rpmspec_ --define 'buildroot /BUILDROOT' --parse "$1" | awk '
        !inside && /^cat > \/BUILDROOT\/usr\/local\/phoreus\/modules\/[^ ]+\.lua <<\x27[A-Za-z_]+\x27$/ {
            delim = $0; sub(/.*<<\x27/, "", delim); sub(/\x27$/, "", delim); inside = 1; next
        }
        inside && $0 == delim { exit }
        inside { print }'
}

# The body of the here-document `cat > /BUILDROOT$2 <<'EOF'` of a parsed spec.
render_heredoc() {
    rpmspec_ --define 'buildroot /BUILDROOT' --parse "$1" | awk -v target="cat > /BUILDROOT$2 <<'EOF'" '
        $0 == target { inside = 1; next }
        inside && $0 == "EOF" { exit }
        inside { print }'
}

# ---------------------------------------------------------------------------------------------
check_rpm() {
    echo "== rpm $(rpm --version | awk '{print $3}'): parsing every spec with rpmspec --load $MACROS"
    local spec err
    while IFS= read -r spec; do
        err=$TMP/err
        if ! rpmspec_ --parse "$spec" >/dev/null 2>"$err"; then
            fail "rpmspec --parse $spec: $(tr '\n' ' ' <"$err")"
        elif [ -s "$err" ] && [[ $spec == "$GOOD"/* ]]; then
            fail "rpmspec --parse $spec warns: $(tr '\n' ' ' <"$err")"
        fi
    done < <(find "$GOOD" "$C/broken" -name '*.spec' | sort)
    echo "      $(find "$GOOD" "$C/broken" -name '*.spec' | wc -l) specs parsed"

    echo "== rpm: Name, Version-Release of the good specs"
    local base tool nvr name vr want_version payloads=""
    while IFS= read -r spec; do
        base=$(basename "$spec" .spec)
        tool=$(basename "$(dirname "$spec")")
        if ! nvr=$(rpmspec_ -q --qf '%{NAME} %{VERSION}-%{RELEASE}\n' "$spec" 2>"$TMP/err"); then
            fail "rpmspec -q $spec: $(tr '\n' ' ' <"$TMP/err")"
            continue
        fi
        name=${nvr%% *}
        vr=${nvr#* }
        [ "$name" = "$base" ] || fail "$spec: Name is $name, the file name says $base"
        [[ $vr =~ ^[^-]+-[0-9]+\.el9$ ]] || fail "$spec: $vr is not VERSION-N$DIST"
        if [[ $base == phoreus-"$tool"-* ]]; then
            want_version=${base#phoreus-"$tool"-}
            [ "${vr%-*}" = "$want_version" ] || fail "$spec: Version ${vr%-*}, the Name says $want_version"
            payloads="$payloads $name"
        fi
        ok "$(printf '%-50s %s' "$spec" "$nvr")"
    done < <(find "$GOOD/specs" -name '*.spec' | sort)

    echo "== rpm: what the core package installs"
    if render_heredoc "$GOOD/specs/phoreus.spec" /etc/rpm/macros.phoreus 2>/dev/null | diff -u "$MACROS" - >"$TMP/diff"; then
        ok "/etc/rpm/macros.phoreus written by phoreus.spec is identical to $MACROS"
    else
        fail "phoreus.spec writes a different /etc/rpm/macros.phoreus:"; cat "$TMP/diff"
    fi
    local profile=$TMP/phoreus.sh modroot
    render_heredoc "$GOOD/specs/phoreus.spec" /etc/profile.d/phoreus.sh >"$profile" 2>/dev/null || true
    modroot=$(cd "$MODS" && pwd)
    sed -i "s|/usr/local/phoreus/modules|$modroot|" "$profile"
    local got
    got=$(env -i PATH="$PATH" MODULEPATH=/opt/site/modules bash -c ". '$profile'; . '$profile'; echo \"\$MODULEPATH\"")
    if [ "$got" = "/opt/site/modules:$modroot" ]; then
        ok "/etc/profile.d/phoreus.sh appends the module root to MODULEPATH once"
    else
        fail "/etc/profile.d/phoreus.sh gives MODULEPATH=$got"
    fi
    got=$(env -i PATH="$PATH" bash -uc ". '$profile'; echo \"\$MODULEPATH\"")
    [ "$got" = "$modroot" ] && ok "/etc/profile.d/phoreus.sh works with MODULEPATH unset (and set -u)" \
        || fail "/etc/profile.d/phoreus.sh with MODULEPATH unset gives '$got'"

    echo "== rpm: modulefiles the payloads write vs good/installed"
    local version
    while IFS= read -r spec; do
        base=$(basename "$spec" .spec)
        tool=$(basename "$(dirname "$spec")")
        [[ $base == phoreus-"$tool"-* ]] || continue
        version=${base#phoreus-"$tool"-}
        render_modulefile "$spec" >"$TMP/mod.lua" 2>/dev/null || true
        if [ ! -s "$TMP/mod.lua" ]; then
            fail "$spec writes no modulefile"
        elif diff -u "$MODS/$tool/$version.lua" "$TMP/mod.lua" >"$TMP/diff"; then
            ok "$spec writes $tool/$version.lua as installed"
        else
            fail "$spec writes a modulefile different from $MODS/$tool/$version.lua:"; cat "$TMP/diff"
        fi
    done < <(find "$GOOD/specs" -name '*.spec' | sort)

    echo "== rpm: meta packages vs the tree"
    local req target link
    for spec in "$GOOD"/specs/*/phoreus-*.spec; do
        base=$(basename "$spec" .spec)
        tool=$(basename "$(dirname "$spec")")
        [ "$base" = "phoreus-$tool" ] || continue
        req=$(rpmspec_ -q --requires "$spec" 2>/dev/null | awk -v p="phoreus-$tool-" 'index($1, p) == 1 { print $1 }') || true
        if [ "$(echo "$req" | grep -c .)" != 1 ]; then
            fail "$spec requires '$req', not exactly one phoreus-$tool-<version>"; continue
        fi
        [[ " $payloads " == *" $req "* ]] || fail "$spec requires $req, which no good spec builds"
        target=$(rpmspec_ --define 'buildroot /BUILDROOT' --parse "$spec" 2>/dev/null |
            awk -v d="/BUILDROOT/usr/local/phoreus/modules/$tool/default.lua" '$1 == "ln" && $NF == d { print $(NF-1) }') || true
        [ "$target" = "${req#phoreus-"$tool"-}.lua" ] || fail "$spec links default.lua to '$target' but requires $req"
        if [ ! -L "$MODS/$tool/default.lua" ]; then
            fail "$MODS/$tool/default.lua is not a symlink"
        else
            link=$(readlink "$MODS/$tool/default.lua")
            [ "$link" = "$target" ] && [ -f "$MODS/$tool/$link" ] && ok "$spec: requires $req, default.lua -> $target (as installed)" \
                || fail "$MODS/$tool/default.lua -> $link, the meta package says $target"
        fi
    done
}

# ---------------------------------------------------------------------------------------------
lmod_show() { # MODULEPATH module → stderr of `lmod bash show` in $TMP/show; status of lmod
    MODULEPATH=$1 "$LMOD" bash show "$2" >/dev/null 2>"$TMP/show"
}

check_lmod() {
    local version
    version=$("$LMOD" bash --version 2>&1 | awk '/Version/ { print $(NF-3); exit }') || true
    echo "== Lmod ${version:-?}: every modulefile of good/installed"
    local mp f tool ver
    mp=$(cd "$MODS" && pwd)
    while IFS= read -r f; do
        tool=$(basename "$(dirname "$f")")
        ver=$(basename "$f" .lua)
        [ "$ver" = default ] && continue
        if lmod_show "$mp" "$tool/$ver" && grep -qF "$mp/$tool/$ver.lua" "$TMP/show"; then
            ok "module show $tool/$ver"
        else
            fail "module show $tool/$ver: $(tr '\n' ' ' <"$TMP/show")"
        fi
    done < <(find "$MODS" -name '*.lua' | sort)

    echo "== Lmod: the default of each tool is the meta package's version"
    local d want
    for d in "$MODS"/*/; do
        tool=$(basename "$d")
        [ -L "$d/default.lua" ] || { fail "$tool has no default.lua symlink"; continue; }
        want=$(readlink "$d/default.lua")
        want=${want%.lua}
        if lmod_show "$mp" "$tool" && grep -qF "$mp/$tool/$want.lua" "$TMP/show"; then
            ok "module show $tool loads $tool/$want"
        else
            fail "module show $tool does not load $want: $(sed -n 2p "$TMP/show")"
        fi
        if lmod_show "$mp" "$tool/default" && grep -qF "whatis(\"Version: $want\")" "$TMP/show"; then
            ok "module show $tool/default is $tool/$want (through the symlink)"
        else
            fail "module show $tool/default is not $want: $(tr '\n' ' ' <"$TMP/show")"
        fi
    done

    # Does Lmod choose the default through default.lua, or only pick the highest version (which
    # the good tree's defaults also are)? Point one default.lua at another version and look.
    local probe=$TMP/probe other=""
    cp -a "$MODS" "$probe"
    for d in "$probe"/*/; do
        tool=$(basename "$d")
        want=$(readlink "$d/default.lua" 2>/dev/null) || continue
        other=$(cd "$d" && ls -- *.lua | grep -vxF -e default.lua -e "$want" | sort -V | head -n 1) || true
        [ -n "$other" ] && break
    done
    if [ -n "$other" ]; then
        ln -sfn "$other" "$probe/$tool/default.lua"
        if lmod_show "$probe" "$tool" && grep -qF "$probe/$tool/$other" "$TMP/show"; then
            echo "note  Lmod honours default.lua: with default.lua -> $other it loads $tool/${other%.lua}"
        else
            echo "note  Lmod does NOT choose the default through default.lua: with default.lua -> $other,"
            echo "      'module load $tool' still loads $(sed -n 2p "$TMP/show" | sed "s|$probe/||; s/^ *//; s/:$//")"
            echo "      (Lmod's marker is a file or symlink named 'default', '.modulerc.lua' or '.version';"
            echo "      default.lua is only the extra module $tool/default). Informational, not a failure."
        fi
    fi

    echo "== Lmod: modulefiles of the broken installed trees still evaluate"
    local tree n=0
    while IFS= read -r tree; do
        mp=$(cd "$tree" && pwd)
        while IFS= read -r f; do
            [ -e "$f" ] || continue # a dangling default.lua is that example's defect
            tool=$(basename "$(dirname "$f")")
            ver=$(basename "$f" .lua)
            if lmod_show "$mp" "$tool/$ver"; then
                n=$((n + 1))
            else
                fail "module show $tool/$ver in $tree: $(tr '\n' ' ' <"$TMP/show")"
            fi
        done < <(find "$tree" -name '*.lua' | sort)
    done < <(find "$C/broken" -type d -path '*/installed/usr/local/phoreus/modules' | sort)
    ok "$n modulefiles of the broken trees evaluate"
}

# ---------------------------------------------------------------------------------------------
ran=0
if command -v "$RPMSPEC" >/dev/null 2>&1; then
    check_rpm
    ran=$((ran + 1))
else
    echo "SKIP  rpm checks: $RPMSPEC is not installed (dnf install rpm-build / apt-get install rpm; or set RPMSPEC=)"
fi
if [ -x "$LMOD" ]; then
    check_lmod
    ran=$((ran + 1))
else
    echo "SKIP  Lmod checks: $LMOD not found (dnf install Lmod / apt-get install lmod; or set LMOD=)"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) FAILED"
    exit 1
fi
if [ "$ran" -eq 0 ]; then
    echo "nothing checked: neither rpmspec nor Lmod is installed"
else
    echo "all checks passed"
fi
