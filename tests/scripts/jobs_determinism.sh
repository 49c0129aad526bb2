#!/usr/bin/env bash
# The network is byte for byte the same whatever the thread count (-j1 = -j2 = -j8), on the
# example corpus, on text read in pieces, and on a generated JSON Lines feed; with
# --dedup corpus too (the generated text repeats its templates: most sentences are copies).
# usage: bash jobs_determinism.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -euo pipefail
ag=${1:?usage: jobs_determinism.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=$(cd "${2:?}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$src/bench/gen_corpus.py" --mb 6 --out "$tmp/feed.jsonl" >/dev/null
python3 "$src/bench/gen_corpus.py" --mb 9 --format txt --out "$tmp/big.txt" >/dev/null

fail=0
check() { # name, inputs...
  local name=$1 bad=0
  shift
  for j in 1 2 8; do
    "$ag" build "$@" -f json,dot -o "$tmp/$name-j$j" -q -j "$j"
  done
  for ext in json dot; do
    for j in 2 8; do
      if ! cmp -s "$tmp/$name-j1.$ext" "$tmp/$name-j$j.$ext"; then
        echo "FAIL: $name.$ext differs between -j1 and -j$j"
        fail=1 bad=1
      fi
    done
  done
  [ "$bad" -eq 1 ] || echo "ok: $name (-j1 = -j2 = -j8)"
}
check example "$src/corpus/example"
check feed "$tmp/feed.jsonl"
check pieces "$tmp/big.txt" # read in 4 MiB pieces: one worker keeps a document's pieces
check example-dedup "$src/corpus/example" --dedup corpus
check feed-dedup "$tmp/feed.jsonl" --dedup corpus
check feed-dedup-paragraph "$tmp/feed.jsonl" --dedup corpus -w paragraph
# a second large text, the first in lower case: its sentences are copies of the first's, which
# another worker may be extracting at the same time (copies are decided in input order)
tr 'A-Z' 'a-z' <"$tmp/big.txt" >"$tmp/big-lower.txt"
check pieces-dedup "$tmp/big.txt" "$tmp/big-lower.txt" --dedup corpus
if ! grep -q '"folded": 0' "$tmp/feed-dedup-j1.json" "$tmp/pieces-dedup-j1.json"; then
  echo "ok: copies folded"
else
  echo "FAIL: --dedup corpus folded nothing in the generated corpora"
  fail=1
fi
exit "$fail"
