#!/usr/bin/env bash
# Peer suite: `actorgraph eval` on the PETRARCH2 unit-test records (../shared/peer/) with the
# converted lexicon in tests/peer/. Fails when a score falls below the FLOORS below.
#
# The floors are the scores the project reaches now (README, "Accuracy"), rounded down: they
# guard against regressions. They are NOT the issue's targets (pair recall 0.90, precision and
# sign accuracy 0.80, direction accuracy 0.75 on records with a signed gold event); raise them
# when the scores improve. Also checks that tests/peer/ is what convert_lexicon.py writes.
# usage: bash peer_eval.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -uo pipefail

ag=${1:?usage: peer_eval.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}
shared=${3:?}

gold="$shared/peer/petrarch-unit.jsonl"
if [ ! -f "$gold" ] || [ ! -f "$shared/peer/petrarch-lexicon.json" ]; then
  echo "SKIP: $shared/peer not found beside the project; peer suite not scored"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not installed; peer suite not scored"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# The committed conversion is what the converter writes from the shared lexicon.
if ! python3 "$src/tests/peer/convert_lexicon.py" "$shared/peer/petrarch-lexicon.json" "$tmp" 2>"$tmp/convert.log"; then
  echo "FAIL: convert_lexicon.py failed:"
  cat "$tmp/convert.log"
  exit 1
fi
for f in petrarch-lexicon.json petrarch-codes.json; do
  if ! cmp -s "$tmp/$f" "$src/tests/peer/$f"; then
    echo "FAIL: tests/peer/$f is stale: run python3 tests/peer/convert_lexicon.py (lexicons/default.json changed?)"
    failures=$((failures + 1))
  fi
done

if ! "$ag" lexicon --check "$src/tests/peer/petrarch-lexicon.json" >"$tmp/check.out" 2>&1; then
  echo "FAIL: the peer lexicon does not load:"
  cat "$tmp/check.out"
  exit 1
fi

if ! "$ag" eval "$gold" -l "$src/tests/peer/petrarch-lexicon.json" -m "$src/tests/peer/petrarch-codes.json" \
  --format json --misses 0 >"$tmp/peer.json" 2>"$tmp/peer.err"; then
  echo "FAIL: actorgraph eval exited non-zero:"
  cat "$tmp/peer.err"
  exit 1
fi

# FLOORS: scope metric floor (scope `all` = the 279 records marked evaluate, `signed` = the 191
# of them with a scored signed gold event).
python3 - "$tmp/peer.json" <<'EOF'
import json, sys
FLOORS = [
    ("all", "pair_recall", 0.717), ("all", "precision", 0.852),
    ("all", "sign_accuracy", 0.982), ("all", "direction_accuracy", 0.992),
    ("signed", "pair_recall", 0.703), ("signed", "precision", 0.882),
    ("signed", "sign_accuracy", 0.982), ("signed", "direction_accuracy", 0.990),
]
d = json.load(open(sys.argv[1]))
bad = 0
if d["records"] != 279 or d["signed_records"] != 191:
    print("FAIL: %d records, %d signed (want 279 and 191): did the gold or the mapping change?"
          % (d["records"], d["signed_records"]))
    bad += 1
for scope, metric, floor in FLOORS:
    v = (d if scope == "all" else d["signed"])[metric]
    if v is None or v < floor:
        print("FAIL: %s %s = %s, below the floor %.3f" % (scope, metric, v, floor))
        bad += 1
    else:
        print("ok: %-6s %-18s %.4f (floor %.3f)" % (scope, metric, v, floor))
sys.exit(1 if bad else 0)
EOF
rc=$?
if [ "$rc" -ne 0 ] || [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: peer suite at or above its floors (regression guard, not the issue targets)"
