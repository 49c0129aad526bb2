#!/usr/bin/env bash
# build's summary and progress: one line on a piped stderr, the tables with
# --summary text (and by default on a terminal), --summary json on stdout,
# -q silencing the text, a progress line only on a terminal or with --progress.
# Usage: summary_progress.sh ACTORGRAPH SOURCE_DIR [SHARED_DIR]
set -u
ag=$1
src=$2
corpus=$src/corpus/example
# shellcheck source=lib/checks.sh
. "$src/tests/scripts/lib/checks.sh"

# Piped: exactly the one line, nothing on stdout.
run piped build "$corpus" -f json -o "$tmp/p"
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/piped.err")" -eq 1 ] && [ ! -s "$tmp/piped.out" ]; then ok; else
  bad "piped: exit $rc, stderr: $(cat "$tmp/piped.err")"; fi

# --summary text: the line, then the aligned tables.
run text build "$corpus" -f json -o "$tmp/t" --summary text
if [ "$rc" -eq 0 ] && grep -qE '^  actor +mentions  documents$' "$tmp/text.err" &&
  grep -qE '^  Russia +86 +8$' "$tmp/text.err" &&
  grep -qE '^  top edges +weight  stance  cooperation  conflict  neutral  documents$' "$tmp/text.err" &&
  grep -qE '^  Pakistan – United States +34 +-0\.12 +7 +11 +16 +7$' "$tmp/text.err" &&
  grep -q '(10 more edges in the outputs)' "$tmp/text.err"; then ok; else bad "text: $(cat "$tmp/text.err")"; fi
# Columns line up: every row of the edge table is as wide as its heading (code points).
if python3 - "$tmp/text.err" <<'PY'; then ok; else bad "text: columns not aligned"; fi
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
i = next(k for k, l in enumerate(lines) if l.startswith("  top edges"))
rows = [l for l in lines[i:] if not l.startswith("  (")]
assert len({len(l) for l in rows}) == 1, rows
j = next(k for k, l in enumerate(lines) if l.startswith("  actor"))
assert len({len(l) for l in lines[j:i]}) == 1, lines[j:i]
PY
run quiet build "$corpus" -f json -o "$tmp/q" --summary text -q
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/quiet.err" ]; then ok; else bad "-q: stderr: $(cat "$tmp/quiet.err")"; fi

# --summary json: one object on stdout, the text line still on stderr unless -q.
run json build "$corpus" -f json,csv -o "$tmp/j" --summary json -q
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/json.err" ] && python3 - "$tmp/json.out" "$tmp/j" <<'PY'; then ok; else
import json, sys
d = json.load(open(sys.argv[1]))
p = sys.argv[2]
assert d["documents"] == 8 and d["sentences"] > 0 and d["actors"] == 6 and d["edges"] == 15, d
assert d["outputs"] == [p + ".json", p + ".csv", p + ".nodes.csv"], d["outputs"]
assert d["skipped"] == 0 and d["repaired"] == 0
assert [m["id"] for m in d["mentions"]][:1] == ["Russia"] and d["mentions"][0]["mentions"] == 86
t = d["top_edges"]
assert len(t) == 5 and t[0]["source"] == "Pakistan" and t[0]["target"] == "US" and t[0]["weight"] == 34
assert abs(t[0]["stance"] - -0.1176) < 1e-9 and t[0]["cooperation"] + t[0]["conflict"] + t[0]["neutral"] == 34
assert all(t[k]["weight"] >= t[k + 1]["weight"] for k in range(4))
PY
  bad "json: exit $rc, stderr $(cat "$tmp/json.err"), stdout $(head -c 300 "$tmp/json.out")"; fi
run jsonstdout build "$corpus" -f json -o - --summary json
if [ "$rc" -eq 2 ] && grep -q 'cannot go with -o -' "$tmp/jsonstdout.err"; then ok; else bad "--summary json -o -: exit $rc"; fi
run badsummary build "$corpus" -f json -o "$tmp/b" --summary xml
if [ "$rc" -eq 2 ] && grep -q 'invalid summary "xml"' "$tmp/badsummary.err"; then ok; else bad "--summary xml: exit $rc"; fi
# An empty network: empty lists, still valid JSON.
mkdir -p "$tmp/empty"
run empty build "$tmp/empty" -f json -o "$tmp/e" --summary json -q
if [ "$rc" -eq 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["mentions"] == [] and d["top_edges"] == [] and d["documents"] == 0' "$tmp/empty.out"; then
  ok; else bad "empty: exit $rc $(cat "$tmp/empty.out")"; fi

# Progress: a corpus of 100 files (the line is drawn at the first document, then five times a second).
mkdir -p "$tmp/big"
for i in $(seq 1 100); do cat "$corpus"/*.txt >"$tmp/big/$i.txt"; done
run forced build "$tmp/big" -f json -o "$tmp/f" -j 1 --progress
if [ "$rc" -eq 0 ] && grep -qE $'\ractorgraph: [0-9]+ documents, [0-9.]+ [kMG]?B of [0-9.]+ MB \\( ?[0-9]+%\\), [0-9.]+ [kMG]?B/s, ETA [0-9]+:[0-9]{2}' "$tmp/forced.err" &&
  grep -q $'\r\033\\[K''actorgraph: 100 documents' "$tmp/forced.err"; then ok; else
  bad "--progress: $(tr '\r\033' '|^' <"$tmp/forced.err" | head -c 400)"; fi
run unforced build "$tmp/big" -f json -o "$tmp/u" -j 1
if [ "$rc" -eq 0 ] && ! grep -q $'\r' "$tmp/unforced.err"; then ok; else bad "progress on a piped stderr"; fi
# On a terminal (script(1) gives one): progress and tables by default, --no-progress hides the line.
if command -v script >/dev/null 2>&1; then
  script -qec "'$ag' build '$tmp/big' -f json -o '$tmp/tty' -j 1" /dev/null >"$tmp/tty.log" 2>&1
  if grep -q 'ETA' "$tmp/tty.log" && grep -q 'top edges' "$tmp/tty.log"; then ok; else
    bad "terminal: $(tr '\r\033' '|^' <"$tmp/tty.log" | head -c 400)"; fi
  script -qec "'$ag' build '$tmp/big' -f json -o '$tmp/tty2' -j 1 --no-progress -q" /dev/null >"$tmp/tty2.log" 2>&1
  if [ ! -s "$tmp/tty2.log" ]; then ok; else bad "terminal --no-progress -q: $(head -c 200 "$tmp/tty2.log")"; fi
else
  echo "note: script(1) not found; the terminal checks are skipped"
fi
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
