#!/usr/bin/env bash
# Detection throughput of `tadqiq check` against Hunspell (`hunspell -l -d ar`, which lists the
# rejected words, and `hunspell -a -d ar`, which also suggests) on the same text, in interleaved
# rounds so that a change in the machine's load hits every tool alike.
#
# usage: benches/compare.sh TEXT [ROUNDS]
#   TEXT    plain UTF-8 text, 10 MB or more. Never put corpus text in the repository: write it to
#           /tmp, e.g. the first 10 MB of the edited corpus, cut at a line end:
#             zcat ../shared/corpus/edited.txt.gz | head -c 10500000 | sed '$d' > /tmp/ed10.txt
#   ROUNDS  interleaved rounds (default 3). Each round runs `tadqiq check -j1`, `tadqiq check`
#           (all cores), `hunspell -l`; `hunspell -a` takes Hunspell about 3 minutes a MB (30 min for 10 MB), so it
#           runs in the first HUNSPELL_A_ROUNDS rounds only (default 1; 0 leaves it out).
#
# env: TADQIQ  a tadqiq binary (default: `cargo build --release`, then target/release/tadqiq, or
#              $CARGO_TARGET_DIR/release/tadqiq)
#
# Prints each run, then the median wall time, MB/s and peak memory of each command and the
# throughput ratios. Needs GNU time (Debian: time), hunspell and hunspell-ar.
set -euo pipefail

text=${1:?usage: benches/compare.sh TEXT [ROUNDS]}
rounds=${2:-3}
a_rounds=${HUNSPELL_A_ROUNDS:-1}
root=$(cd "$(dirname "$0")/.." && pwd)

command -v hunspell >/dev/null || { echo "hunspell is not installed (apt-get install hunspell hunspell-ar)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 2; }
echo qzxjq | hunspell -l -d ar >/dev/null 2>&1 || { echo "hunspell has no 'ar' dictionary (apt-get install hunspell-ar)" >&2; exit 2; }

if [ -z "${TADQIQ:-}" ]; then
    (cd "$root" && cargo build --release --quiet --bin tadqiq)
    TADQIQ=${CARGO_TARGET_DIR:-$root/target}/release/tadqiq
fi

bytes=$(stat -c %s "$text")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
words=$(wc -w < "$text")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# hunspell -a reads commands from lines starting with * & @ + - ~ # ! % ` ^: prefix each line
# with ^ so that every line is text.
sed 's/^/^/' "$text" > "$work/text.a"

echo "text: $text ($mb MB, $words words); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tadqiq: $TADQIQ ($("$TADQIQ" --version 2>/dev/null || echo '?')); $(hunspell -v | head -1)"

# run NAME CMD...: one timed run, appended to $work/NAME as "seconds kilobytes".
run() {
    local name=$1
    shift
    local status=0
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || status=$?
    # tadqiq check exits 1 when it has findings.
    if [ "$status" -gt 1 ]; then
        echo "$name failed ($status):" >&2
        cat "$work/err" >&2
        exit 1
    fi
    tail -1 "$work/t" >> "$work/$name"
    printf '  %-16s %8.2f s  %7d KB\n' "$name" $(tail -1 "$work/t")
}

for r in $(seq 1 "$rounds"); do
    echo "round $r (load $(cut -d' ' -f1 /proc/loadavg))"
    run tadqiq-j1 "$TADQIQ" check --format json -j 1 "$text"
    run tadqiq "$TADQIQ" check --format json "$text"
    run hunspell-l hunspell -l -d ar -i UTF-8 "$text"
    if [ "$r" -le "$a_rounds" ]; then
        run hunspell-a sh -c "hunspell -a -d ar -i UTF-8 < '$work/text.a'"
    fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
printf '| command | runs | median wall (s) | MB/s | peak memory (MB) |\n|---|--:|--:|--:|--:|\n'
declare -A speed
for name in tadqiq-j1 tadqiq hunspell-l hunspell-a; do
    [ -f "$work/$name" ] || continue
    n=$(wc -l < "$work/$name")
    s=$(cut -d' ' -f1 "$work/$name" | median)
    m=$(cut -d' ' -f2 "$work/$name" | median)
    speed[$name]=$(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.3f", b / 1e6 / s }')
    case $name in
        tadqiq-j1) label='`tadqiq check -j1`' ;;
        tadqiq) label="\`tadqiq check\` ($(nproc) threads)" ;;
        hunspell-l) label='`hunspell -l -d ar`' ;;
        hunspell-a) label='`hunspell -a -d ar`' ;;
    esac
    printf '| %s | %d | %.2f | %s | %.0f |\n' "$label" "$n" "$s" "${speed[$name]}" "$(awk -v m="$m" 'BEGIN { print m / 1024 }')"
done
echo
for t in tadqiq-j1 tadqiq; do
    for h in hunspell-l hunspell-a; do
        [ -n "${speed[$t]:-}" ] && [ -n "${speed[$h]:-}" ] || continue
        awk -v a="${speed[$t]}" -v b="${speed[$h]}" -v t="$t" -v h="$h" \
            'BEGIN { printf "%s / %s: %.1fx\n", t, h, a / b }'
    done
done
