#!/usr/bin/env bash
# Start-up time and peak memory of `tadqiq check`.
#
# usage: benches/startup.sh [RUNS] [BIG_TEXT]
#   RUNS      runs of `tadqiq check` on one small file (default 50): wall time of each, as the
#             shell sees it (fork, exec, loading, linting 5 KB, writing), min / median / p90
#   BIG_TEXT  optional: a large text (e.g. /tmp/ed10.txt, see compare.sh) for the peak memory
#             of a big input
#
# Peak memory (maximum resident set size, `/usr/bin/time -v`) is measured on the small file, on
# the repository's fixtures directory, and on BIG_TEXT if given. Hunspell's start-up on the same
# small file is shown for comparison.
#
# env: TADQIQ  a tadqiq binary (default: `cargo build --release`, as in compare.sh)
set -euo pipefail

runs=${1:-50}
big=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
small=$root/fixtures/seeds/000_6f88eb17206bfafc.txt
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 2; }

if [ -z "${TADQIQ:-}" ]; then
    (cd "$root" && cargo build --release --quiet --bin tadqiq)
    TADQIQ=${CARGO_TARGET_DIR:-$root/target}/release/tadqiq
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "tadqiq: $TADQIQ; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "small file: $small ($(stat -c %s "$small") bytes)"

# times N CMD...: N wall times in ms, one a line.
times() {
    local n=$1
    shift
    for _ in $(seq 1 "$n"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done | sort -n | awk '{ v[NR] = $1 / 1000 } END {
        printf "min %.1f ms, median %.1f ms, p90 %.1f ms (%d runs)\n",
            v[1], v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], NR }'
}

# Warm the page cache first.
"$TADQIQ" check --format json "$small" >/dev/null 2>&1 || true
echo
echo "start-up, \`tadqiq check\` on the small file: $(times "$runs" "$TADQIQ" check --format json "$small")"
echo "for scale, \`true\`:                         $(times "$runs" true)"
if command -v hunspell >/dev/null; then
    echo "for comparison, \`hunspell -l -d ar\`:        $(times 10 hunspell -l -d ar -i UTF-8 "$small")"
fi

peak() {
    /usr/bin/time -v "$@" >/dev/null 2>"$work/v" || true
    awk -F': ' '/Maximum resident set size/ { printf "%.1f MB", $2 / 1024 }' "$work/v"
}
echo
echo "peak memory (max RSS):"
echo "  small file:        $(peak "$TADQIQ" check --format json "$small")"
echo "  fixtures/ (dir):   $(peak "$TADQIQ" check --format json "$root/fixtures")"
if [ -n "$big" ]; then
    echo "  $big ($(stat -c %s "$big") bytes): $(peak "$TADQIQ" check --format json "$big")"
fi
