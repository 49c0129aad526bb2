#!/usr/bin/env bash
# actorgraph compare: graphs/example.json against a network built from two
# articles of corpus/example (statuses, files, summary as text and JSON, the
# same node positions in A, B and the diff, byte-identical reruns), bad inputs
# (exit 2), and three networks (similarity matrix).
# usage: bash compare_cli.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -uo pipefail

ag=${1:?usage: compare_cli.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }
run() {  # NAME ARGS...: stdout/stderr into $tmp/NAME.{out,err}, exit status in $rc
  local name=$1
  shift
  "$ag" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
  rc=$?
}
expect_rc() { if [ "$rc" -eq "$2" ]; then ok; else fail "$1: exit $rc, want $2"; sed 's/^/    /' "$tmp/$1.err" | head -n 5; fi; }

mkdir -p "$tmp/sub"
cp "$src/corpus/example/01-counter-terrorism-commission.txt" "$src/corpus/example/02-friendship-exercises.txt" "$tmp/sub/"

# Two inputs, one a network JSON, one a directory of articles.
run two compare "$src/graphs/example.json" "$tmp/sub" -o "$tmp/out/d" -f json,svg,dot
expect_rc two 0
for f in d.diff.json d.b.json d.a.svg d.b.svg d.diff.svg d.a.dot d.b.dot d.diff.dot; do
  if [ -s "$tmp/out/$f" ]; then ok; else fail "two: $f missing"; fi
done
if [ -e "$tmp/out/d.a.json" ]; then fail "two: d.a.json written for a JSON input"; else ok; fi
# the two articles are a subset: links only removed, strengthened, weakened or unchanged, never added
added=$(jq '[.links[] | select(.status == "added")] | length' "$tmp/out/d.diff.json")
removed=$(jq '[.links[] | select(.status == "removed")] | length' "$tmp/out/d.diff.json")
if [ "$added" = 0 ] && [ "$removed" -gt 0 ]; then ok; else fail "two: added=$added removed=$removed"; fi
# every link has a status and both sides
bad=$(jq '[.links[] | select((.status | IN("added","removed","strengthened","weakened","flipped","unchanged") | not) or (.a | not) or (.b | not))] | length' "$tmp/out/d.diff.json")
if [ "$bad" = 0 ]; then ok; else fail "two: $bad links without status or sides"; fi
if jq -e '.graph.summary.jaccard > 0 and .graph.summary.jaccard <= 1 and (.graph.summary.movers | length) > 0' "$tmp/out/d.diff.json" >/dev/null; then ok; else
  fail "two: summary in the JSON"; fi
if grep -q "weighted jaccard" "$tmp/two.out" && grep -q "biggest movers" "$tmp/two.out"; then ok; else fail "two: text summary: $(cat "$tmp/two.out")"; fi
# the same node positions in A, B and the diff
for who in Russia Pakistan; do
  pb=$(grep -A30 "^	$who	\[" "$tmp/out/d.b.dot" | grep -o 'pos="[^"]*"' | head -1)
  pd=$(grep -A30 "^	$who	\[" "$tmp/out/d.diff.dot" | grep -o 'pos="[^"]*"' | head -1)
  pa=$(grep -A30 "^	$who	\[" "$tmp/out/d.a.dot" | grep -o 'pos="[^"]*"' | head -1)
  if [ -n "$pa" ] && [ "$pa" = "$pb" ] && [ "$pa" = "$pd" ]; then ok; else fail "positions of $who: '$pa' '$pb' '$pd'"; fi
done

# Rerun: byte-identical files; the summary as JSON.
run again compare "$src/graphs/example.json" "$tmp/sub" -o "$tmp/again/d" -f json,svg,dot --format json
expect_rc again 0
for f in d.diff.json d.b.json d.a.svg d.b.svg d.diff.svg d.a.dot d.b.dot d.diff.dot; do
  if cmp -s "$tmp/out/$f" "$tmp/again/$f"; then ok; else fail "rerun: $f differs"; fi
done
if jq -e '.status.removed > 0 and has("weighted_jaccard") and has("balance")' "$tmp/again.out" >/dev/null; then ok; else
  fail "--format json: $(head -c 300 "$tmp/again.out")"; fi

# Symmetry: B vs A swaps added and removed.
run swap compare "$tmp/out/d.b.json" "$src/graphs/example.json" -o "$tmp/swap/d" -f json -q
expect_rc swap 0
added=$(jq '[.links[] | select(.status == "added")] | length' "$tmp/swap/d.diff.json")
if [ "$added" = "$removed" ]; then ok; else fail "swap: added=$added, want $removed"; fi

# Identical inputs: all unchanged, similarity 1.
run same compare "$src/graphs/example.json" "$src/graphs/example.json" -o "$tmp/same/d" -f json --format json
expect_rc same 0
if jq -e '.jaccard == 1 and .weighted_jaccard == 1 and .correlation == 1 and .status.unchanged == .shared' "$tmp/same.out" >/dev/null; then ok; else
  fail "same: $(head -c 300 "$tmp/same.out")"; fi

# Bad inputs: not a network, a missing file, one input, an unknown format: exit 2, no output.
echo '{"nodes": [], "links": []}' >"$tmp/other.json"
run other compare "$tmp/other.json" "$src/graphs/example.json" -o "$tmp/bad/d"
expect_rc other 2
if grep -q "other.json" "$tmp/other.err"; then ok; else fail "other: message: $(cat "$tmp/other.err")"; fi
run missing compare "$tmp/nope.json" "$src/graphs/example.json" -o "$tmp/bad/d"
expect_rc missing 2
run one compare "$src/graphs/example.json" -o "$tmp/bad/d"
expect_rc one 2
run fmt compare "$src/graphs/example.json" "$src/graphs/example.json" -f png -o "$tmp/bad/d"
expect_rc fmt 2
if [ -e "$tmp/bad" ]; then fail "bad inputs wrote files: $(ls "$tmp/bad")"; else ok; fi

# Three networks: the similarity matrix.
run many compare "$src/graphs/example.json" "$tmp/out/d.b.json" "$src/graphs/example.json" -o "$tmp/many/t"
expect_rc many 0
if [ -s "$tmp/many/t.similarity.csv" ] && [ -s "$tmp/many/t.similarity.json" ]; then ok; else fail "many: files"; fi
if jq -e '.weighted_jaccard[0][2] == 1 and .weighted_jaccard[0][1] < 1 and (.networks | length) == 3' "$tmp/many/t.similarity.json" >/dev/null; then ok; else
  fail "many: $(cat "$tmp/many/t.similarity.json")"; fi
if [ "$(wc -l <"$tmp/many/t.similarity.csv")" -eq 10 ]; then ok; else fail "many: csv rows"; fi
run many-json compare "$src/graphs/example.json" "$tmp/out/d.b.json" "$src/graphs/example.json" -o "$tmp/many2/t" -f json --format json
expect_rc many-json 0
if jq -e '.correlation[2][0] == 1' "$tmp/many-json.out" >/dev/null && [ ! -e "$tmp/many2/t.multiples.svg" ]; then ok; else
  fail "many --format json: $(head -c 300 "$tmp/many-json.out")"; fi
run dash compare - - -o "$tmp/bad2/d"
expect_rc dash 2

# build --split-by: one network per group, PREFIX/GROUP.json; then compare them all.
cat >"$tmp/feed.jsonl" <<'JSONL'
{"id":"a1","text":"Russia and Pakistan agreed to hold joint exercises.","source":"Dawn","date":"2018-01-04"}
{"id":"a2","text":"The United States accused Pakistan of harbouring the Taliban.","source":"NYT","date":"2018-01-01T10:00:00Z"}
{"id":"a3","text":"India and the United States signed a defence pact.","source":"Dawn","date":"2017-12-31"}
{"id":"a4","text":"Russia hosted Taliban envoys in Moscow.","date":"2018-02"}
{"id":"a5","text":"Pakistan and India traded fire.","source":"../up/x"}
JSONL
split_expect() {  # BY FILES...
  local by=$1
  shift
  run "split-$by" build "$tmp/feed.jsonl" --split-by "$by" -f json -q -o "$tmp/split-$by"
  expect_rc "split-$by" 0
  local want got
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  got=$(ls -A "$tmp/split-$by" 2>/dev/null | sort | tr '\n' ' ')
  if [ "$want" = "$got" ]; then ok; else fail "split-$by: files '$got', want '$want'"; fi
}
split_expect source Dawn.json NYT.json _._up_x.json unknown.json
split_expect month 2017-12.json 2018-01.json 2018-02.json unknown.json
split_expect year 2017.json 2018.json unknown.json
split_expect week 2017-W52.json 2018-W01.json unknown.json
if [ "$(jq .graph.documents "$tmp/split-source/Dawn.json")" = 2 ]; then ok; else fail "split-source: Dawn has not 2 documents"; fi
run split-bad build "$tmp/feed.jsonl" --split-by day -o "$tmp/split-bad"
expect_rc split-bad 2
run trend compare "$tmp"/split-month/*.json -o "$tmp/trend/t" -q
expect_rc trend 0
if [ -s "$tmp/trend/t.similarity.csv" ]; then ok; else fail "trend: no matrix"; fi
if [ "$(grep -c 'class="node"' "$tmp/trend/t.multiples.svg")" -gt 4 ]; then ok; else fail "trend: small multiples"; fi
run trend2 compare "$tmp"/split-month/*.json -o "$tmp/trend2/t" -q
if cmp -s "$tmp/trend/t.multiples.svg" "$tmp/trend2/t.multiples.svg" && cmp -s "$tmp/trend/t.similarity.json" "$tmp/trend2/t.similarity.json"; then ok; else
  fail "trend: rerun differs"; fi

# The seeds split in two sets: the diff passes the format validators (when ../shared is there).
shared=${3:-}
if [ -n "$shared" ] && [ -d "$shared/seeds" ] && [ -d "$shared/validate/node_modules" ] && command -v node >/dev/null; then
  mkdir -p "$tmp/s1" "$tmp/s2"
  i=0
  for f in "$shared"/seeds/*; do
    if [ $((i % 2)) = 0 ]; then cp "$f" "$tmp/s1/"; else cp "$f" "$tmp/s2/"; fi
    i=$((i + 1))
  done
  run seeds compare "$tmp/s1" "$tmp/s2" -o "$tmp/seeds/d" -f json,svg,dot,graphml -q
  expect_rc seeds 0
  if node "$shared/validate/check-json.mjs" "$tmp/seeds/d.diff.json" >"$tmp/v.out" 2>&1; then ok; else fail "check-json: $(tail -n 3 "$tmp/v.out")"; fi
  for f in d.diff.json d.diff.graphml; do
    if python3 "$shared/validate/check-networkx.py" "$tmp/seeds/$f" >"$tmp/v.out" 2>&1; then ok; else fail "check-networkx $f: $(tail -n 3 "$tmp/v.out")"; fi
  done
  for w in a b diff; do
    if bash "$shared/validate/check-dot.sh" "$tmp/seeds/d.$w.dot" >"$tmp/v.out" 2>&1; then ok; else fail "check-dot $w: $(tail -n 3 "$tmp/v.out")"; fi
    if bash "$shared/validate/check-svg.sh" "$tmp/seeds/d.$w.svg" >"$tmp/v.out" 2>&1; then ok; else fail "check-svg $w: $(tail -n 3 "$tmp/v.out")"; fi
  done
else
  echo "note: ../shared/seeds or the validators are missing; the seeds diff is not validated"
fi

echo "compare_cli: $((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
