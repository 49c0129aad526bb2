#!/usr/bin/env bash
# Pathological inputs (issue 6): the run must stay linear in the input size.
#
# 1. One sentence of 5 MB that names all six default actors 100,000 times
#    (600,000 mentions in one comma list, no full stop until the end; each
#    round numbered so that no stretch of it repeats another), against the
#    same sentence at 2.5 MB and 1.25 MB. Linear time means each doubling doubles the time;
#    the script prints the median CPU time of 3 runs per size and the ratios,
#    and fails when 4x the input takes more than 6x the time.
# 2. The huge inputs of the bad-input matrix at full size (the test suite uses
#    20 MB): a 200 MB file without a newline and a 100 MB JSON Lines line,
#    with wall time and peak memory.
#
# usage: bench/pathological.sh [ACTORGRAPH_BIN]   (default build/actorgraph)
set -uo pipefail

ag=${1:-build/actorgraph}
[ -x "$ag" ] || { echo "pathological: $ag is not executable; build first (scripts/build.sh)" >&2; exit 2; }
runs=3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

# time_run FILE: CPU seconds (user + system) of one `actorgraph build -e 0 FILE -f json -o -`:
# CPU time, not wall time, so that other work on the machine does not blur it; to
# standard output, so that the fsync of an output file does not count; and without
# evidence, whose output (15 links x 3 sentences cut at 64 KiB, about 3 MB of JSON)
# is the same for every size and would hide the scaling of the extraction itself.
# Exits on failure.
time_run() {
  local TIMEFORMAT='%3U %3S' t
  if ! t=$( { time "$ag" build -q -e 0 "$1" -f json -o - >/dev/null 2>"$tmp/err"; } 2>&1); then
    echo "pathological: actorgraph failed on $1: $(head -n 3 "$tmp/err")" >&2
    exit 1
  fi
  echo "${t% *} + ${t#* }" | bc -l
}

echo "== one sentence naming all six actors (CPU seconds, median of $runs runs of actorgraph build -e 0 -f json -o -)"
# About 50 bytes per numbered round of six mentions; 100,000 rounds is 5 MB.
declare -A med
for reps in 25000 50000 100000; do
  f=$tmp/sentence-$reps.txt
  python3 - "$reps" >"$f" <<'EOF'
import sys
n = int(sys.argv[1])
sys.stdout.write("".join("Russia, Pakistan, India, US, Taliban, ISIS %d, " % i for i in range(n)) + "agreed.\n")
EOF
  times=()
  for _ in $(seq 1 "$runs"); do
    t=$(time_run "$f") || exit 1
    times+=("$t")
  done
  med[$reps]=$(median "${times[@]}")
  printf '%8d mentions of each actor  %6.2f MB  %7.3f s   (runs: %s)\n' "$reps" \
    "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)" "${med[$reps]}" "$(printf '%.3f ' "${times[@]}")"
  rm -f "$f"
done
r1=$(echo "${med[50000]} / ${med[25000]}" | bc -l)
r2=$(echo "${med[100000]} / ${med[50000]}" | bc -l)
r4=$(echo "${med[100000]} / ${med[25000]}" | bc -l)
printf 'ratios: 2.5 MB / 1.25 MB = %.2f, 5 MB / 2.5 MB = %.2f, 5 MB / 1.25 MB = %.2f (linear: 2, 2, 4; quadratic: 4, 4, 16)\n' \
  "$r1" "$r2" "$r4"
verdict=0
if [ "$(echo "$r4 > 6" | bc -l)" = 1 ]; then
  echo "pathological: NOT linear: 4x the input took ${r4}x the time"
  verdict=1
else
  echo "pathological: linear"
fi

# run_big NAME FILE: wall time and peak RSS of one run.
run_big() {
  local out
  /usr/bin/time -o "$tmp/time" -f '%e %M' "$ag" build -q "$2" -f json -o "$tmp/out" 2>/dev/null
  out=$(tail -n 1 "$tmp/time")
  printf '%-34s %8.2f s  %8.0f MB peak\n' "$1" "${out% *}" "$(echo "${out#* } / 1024" | bc -l)"
}

echo "== huge inputs"
if [ -x /usr/bin/time ]; then
  head -c $((200 * 1024 * 1024)) < <(yes 'lorem ipsum dolor sit amet,' | tr '\n' ' ') >"$tmp/nonewline.txt"
  run_big "200 MB without a newline" "$tmp/nonewline.txt"
  rm -f "$tmp/nonewline.txt"
  python3 - "$tmp/bigline.jsonl" <<'EOF'
import sys
s = "Russia and Pakistan agreed while India accused the US. "
n = 100 * 1024 * 1024
with open(sys.argv[1], "w") as f:
    f.write('{"id":"big","text":"%s"}\n' % (s * (n // len(s) + 1))[:n])
    f.write('{"id":"small","text":"Russia and India agreed."}\n')
EOF
  run_big "100 MB JSON Lines line" "$tmp/bigline.jsonl"
else
  echo "(skipped: /usr/bin/time is not installed)"
fi
exit "$verdict"
