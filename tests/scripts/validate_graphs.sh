#!/usr/bin/env bash
# The networks of corpus/example and ../shared/seeds load into the real consumers
# (../shared/validate: cytoscape, graphology, d3-force, networkx, Graphviz, chromium),
# and a second run writes byte-identical files.
# usage: bash validate_graphs.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -uo pipefail

ag=${1:?usage: validate_graphs.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}
shared=${3:?}
v="$shared/validate"

if [ ! -d "$v" ]; then
  echo "SKIP: ../shared not found beside the project; validators not run"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# check NAME INPUT: build INPUT twice, validate the first, compare the two.
check() {
  local name=$1 input=$2 prefix="$tmp/$1" ext
  if ! "$ag" build "$input" -o "$prefix" -q; then
    fail "$ag build $input exited non-zero"
    return
  fi
  for ext in json dot svg; do
    [ -s "$prefix.$ext" ] || { fail "$name.$ext was not written"; return; }
  done
  node "$v/check-json.mjs" --strict "$prefix.json" || fail "check-json $name.json"
  "$v/check-networkx.py" "$prefix.json" || fail "check-networkx $name.json"
  "$v/check-dot.sh" "$prefix.dot" || fail "check-dot $name.dot"
  "$v/check-svg.sh" "$prefix.svg" "$tmp/$name.png" || fail "check-svg $name.svg"

  mkdir -p "$tmp/again"
  if ! "$ag" build "$input" -o "$tmp/again/$name" -q; then
    fail "second run of $ag build $input exited non-zero"
    return
  fi
  for ext in json dot svg; do
    cmp "$prefix.$ext" "$tmp/again/$name.$ext" || fail "$name.$ext differs between two runs (output is not deterministic)"
  done
}

check example "$src/corpus/example"
if [ -d "$shared/seeds" ]; then
  check seeds "$shared/seeds"
else
  echo "note: $shared/seeds not found; seeds not validated"
fi

if [ "$failures" -gt 0 ]; then
  echo "validate_graphs: $failures failure(s)"
  exit 1
fi
echo "validate_graphs: all outputs load in every consumer and are deterministic"
