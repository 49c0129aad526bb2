#!/usr/bin/env bash
# The network is byte for byte the same whatever the thread count (-j1 = -j2 = -j8), on the
# example corpus, on text read in pieces, and on a generated JSON Lines feed.
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
  local name=$1
  shift
  for j in 1 2 8; do
    "$ag" build "$@" -f json,dot -o "$tmp/$name-j$j" -q -j "$j"
  done
  for ext in json dot; do
    for j in 2 8; do
      if ! cmp -s "$tmp/$name-j1.$ext" "$tmp/$name-j$j.$ext"; then
        echo "FAIL: $name.$ext differs between -j1 and -j$j"
        fail=1
      fi
    done
  done
  echo "ok: $name (-j1 = -j2 = -j8)"
}
check example "$src/corpus/example"
check feed "$tmp/feed.jsonl"
check pieces "$tmp/big.txt" # read in 4 MiB pieces: one worker keeps a document's pieces
exit "$fail"
