#!/usr/bin/env bash
# Run every fuzz target for a bounded time: scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain. Seeds come from our
# own fixtures and corpus, plus ../shared/corpus when it is there; libFuzzer keeps what it
# learns in fuzz/corpus/<target>/ between runs. A crash or a slow input (over 10 s) stops the
# target; its input is in fuzz/artifacts/<target>/. Copy it to fuzz/regressions/<target>/,
# where tests/fuzz_regressions.rs runs it through the same invariants on every `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rpm_spec macros deb822 changelog formula lua)
shared=../shared/corpus

seed() { # target, then find(1) arguments selecting files
    local t=$1; shift
    local dir=fuzz/corpus/$t
    mkdir -p "$dir"
    local roots=() r
    for r in corpus rules packaging fuzz/regressions/"$t" "$shared"; do
        [ -d "$r" ] && roots+=("$r")
    done
    find "${roots[@]}" -type f "$@" -size -256k | while read -r f; do
        cp "$f" "$dir/seed-$(sha1sum < "$f" | cut -c1-16)"
    done
}
seed rpm_spec -name '*.spec'
seed macros -name '*.spec'
seed deb822 \( -name control -o -name copyright -o -name '*.dsc' \)
seed changelog -name changelog -path '*debian*'
seed formula -name '*.rb'
seed lua -name '*.lua'

cargo +nightly fuzz build -O -a -s none
status=0
for t in "${targets[@]}"; do
    echo "== $t: ${secs}s, $(ls fuzz/corpus/$t | wc -l) inputs in its corpus"
    start=$(date +%s)
    if cargo +nightly fuzz run -O -a -s none "$t" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len=262144 -print_final_stats=1 >"fuzz/$t.log" 2>&1; then
        result=ok
    else
        result="FAILED (see fuzz/$t.log and fuzz/artifacts/$t/)"
        status=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/$t.log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "fuzz/$t.log" | tail -1 || true)
    echo "   $result after $(( $(date +%s) - start ))s, $runs runs, $cov"
done
exit $status
