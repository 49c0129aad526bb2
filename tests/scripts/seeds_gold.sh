#!/usr/bin/env bash
# The seed articles' network agrees with ../shared/gold/seeds-expected.json.
# usage: bash seeds_gold.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -uo pipefail

ag=${1:?usage: seeds_gold.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
shared=${3:?}

if [ ! -d "$shared/gold" ]; then
  echo "SKIP: $shared/gold not found beside the project; seeds not scored"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$ag" build "$shared/seeds" -o "$tmp/seeds" -f json; then
  echo "FAIL: $ag build $shared/seeds exited non-zero"
  exit 1
fi
python3 "$shared/gold/score_seeds.py" "$ag" "$shared" "$tmp" 2>&1
exit $?
