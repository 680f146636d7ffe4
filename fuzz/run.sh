#!/usr/bin/env bash
# Run every fuzz target for a bounded time (issue 7).
#
#   fuzz/run.sh                       # each target for FUZZ_SECONDS (default 30) seconds
#   FUZZ_SECONDS=300 fuzz/run.sh lint # one target, longer
#
# Needs the nightly toolchain (`rustup toolchain list`); installs cargo-fuzz if it is missing.
# The seeds in fuzz/corpus/<target>/ are read but never written: inputs a run finds go to
# fuzz/scratch/<target>/ (ignored by git; copy the interesting ones into the corpus by hand).
# A crash, a hang (a run over 20 s) or a blow-up (over 4 GB) leaves its input in
# fuzz/artifacts/<target>/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-30}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(tokenize lint fix lsp_decode)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: the $toolchain toolchain is needed (rustup toolchain install $toolchain)" >&2
    exit 1
fi

started=$(date +%s)
# One build of every target (tadqiq's build script compiles the dictionaries once), then the
# binaries are run directly, so that nothing is rebuilt between targets.
triple="$(rustup run "$toolchain" rustc -vV | sed -n 's/^host: //p')"
cargo "+$toolchain" fuzz build --target "$triple"
built=$(($(date +%s) - started))
for t in "${targets[@]}"; do
    mkdir -p "scratch/$t" "artifacts/$t"
    echo "fuzz/run.sh: $t for ${seconds}s"
    log="scratch/$t.log"
    status=0
    "target/$triple/release/$t" "scratch/$t" "corpus/$t" \
        -artifact_prefix="artifacts/$t/" -max_total_time="$seconds" -timeout=20 \
        -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log" >&2
        echo "fuzz/run.sh: $t failed (exit $status); the input is in fuzz/artifacts/$t/, the log in fuzz/$log" >&2
        exit 1
    fi
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|peak_rss_mb|new_units_added))' "$log" || true
done
echo "fuzz/run.sh: built in ${built}s; ${#targets[@]} targets run in $(($(date +%s) - started - built))s"
