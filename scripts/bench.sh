#!/usr/bin/env bash
# Whole-process benchmark: speclint against rpmlint and `cat` on the same files, single-file
# latency, --version, -j1 vs -j2, and peak memory. Prints the ratios the performance targets
# are stated in. Uses hyperfine when installed (apt-get install -y hyperfine), else
# /usr/bin/time. Run from the repository root after `cargo build --release`:
#
#   scripts/bench.sh [--rpmlint-sample N]     # N specs for rpmlint (default 200; it is slow)
set -euo pipefail
cd "$(dirname "$0")/.."
S=${SPECLINT:-target/release/speclint}
CORPUS=${CORPUS:-../shared/corpus}
SAMPLE=200
[ "${1:-}" = "--rpmlint-sample" ] && SAMPLE=$2
[ -x "$S" ] || { echo "build first: cargo build --release" >&2; exit 2; }
[ -d "$CORPUS/rpm" ] || { echo "no corpus at $CORPUS; nothing to measure"; exit 0; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
find "$CORPUS/rpm" -name '*.spec' | LC_ALL=C sort > "$tmp/all"
n_all=$(wc -l < "$tmp/all")
# every k-th spec, like the measurement in research/peers.md
awk -v n="$n_all" -v s="$SAMPLE" 'BEGIN{k=int(n/s); if(k<1)k=1} (NR-1)%k==0 && c<s {print; c++}' "$tmp/all" > "$tmp/sample"
one=$(head -1 "$tmp/sample")

secs() { # mean wall seconds of a command
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup "${WARMUP:-1}" --runs "${RUNS:-5}" --export-json "$tmp/h.json" -i "$1" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$tmp/h.json"
    else
        local t0 t1; t0=$(date +%s.%N); bash -c "$1" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
        python3 -c "print('%.4f' % ($t1 - $t0))"
    fi
}
peak_mb() { /usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1" 2>&1 | tail -1 | awk '{printf "%.0f", $1/1024}'; }

xargs -a "$tmp/all" cat > "$tmp/all.txt"
echo "corpus: $n_all rpm specs ($(du -sh "$tmp/all.txt" | cut -f1)), rpmlint sample: $(wc -l < "$tmp/sample")"
# cold: --no-cache; warm: the result cache filled by the warm-up run
t_sl=$(secs "$S --policy rpm -q --no-cache --fail-on never $CORPUS/rpm")
t_j1=$(secs "$S --policy rpm -q --no-cache --fail-on never -j1 $CORPUS/rpm")
export SPECLINT_CACHE_DIR="$tmp/cache"
t_warm=$(secs "$S --policy rpm -q --fail-on never $CORPUS/rpm")
unset SPECLINT_CACHE_DIR
t_cat=$(RUNS=10 secs "cat $tmp/all.txt")
t_cat_files=$(secs "xargs -a $tmp/all cat")
t_one=$(RUNS=30 secs "$S --policy phoreus -q --no-cache --fail-on never $one")
t_one_rpm=$(RUNS=30 secs "$S --policy rpm -q --no-cache --fail-on never $one")
t_ver=$(RUNS=50 secs "$S --version")
mem_all=$(peak_mb "$S -p rpm -p phoreus -p debian -p homebrew -p lmod -p immunos -q --no-cache --fail-on never $CORPUS")
t_sample_sl=$(secs "xargs -a $tmp/sample $S --policy rpm -q --no-cache --fail-on never")
if command -v rpmlint >/dev/null 2>&1; then
    t_sample_rl=$(WARMUP=0 RUNS=1 secs "xargs -a $tmp/sample rpmlint")
else
    t_sample_rl=""
fi
python3 - "$n_all" "$t_sl" "$t_j1" "$t_warm" "$t_cat" "$t_cat_files" "$t_one" "$t_one_rpm" "$t_ver" "$mem_all" "$t_sample_sl" "$t_sample_rl" "$(wc -l < "$tmp/sample")" <<'PY'
import sys
n, sl, j1, warm, cat, catf, one, one_rpm, ver, mem, ssl, srl, ns = sys.argv[1:]
n, ns = int(n), int(ns)
sl, j1, warm, cat, catf, one, one_rpm, ver, ssl = map(float, (sl, j1, warm, cat, catf, one, one_rpm, ver, ssl))
print(f"speclint --policy rpm, whole corpus (-j default): {sl:.3f} s  ({n/sl:,.0f} files/s)")
print(f"  -j1: {j1:.3f} s; -j1/-jN speed-up {j1/sl:.2f}x")
print(f"  warm result cache: {warm:.3f} s ({sl/warm:.1f}x faster than cold)")
print(f"cat of the same bytes (one file / one cat per file): {cat:.3f} s / {catf:.3f} s")
print(f"  speclint / cat: {sl/cat:.1f}x (one stream), {sl/catf:.1f}x (per file) cold, {warm/catf:.1f}x (per file) warm   target: within 20x")
if srl:
    srl = float(srl)
    print(f"rpmlint on {ns} specs: {srl:.2f} s ({srl/ns*1000:.1f} ms/spec); speclint on the same: {ssl:.3f} s")
    print(f"  speclint is {srl/ssl:.0f}x faster on the sample; extrapolated to the corpus: {srl/ns*n/sl:.0f}x cold, {srl/ns*n/warm:.0f}x warm   target: 150x")
print(f"one spec, whole process: --policy phoreus {one*1000:.1f} ms, --policy rpm {one_rpm*1000:.1f} ms   target: < 15 ms")
print(f"speclint --version: {ver*1000:.1f} ms   target: < 5 ms")
print(f"peak memory, whole shared corpus, all built-in policies: {mem} MB   target: < 150 MB")
PY
