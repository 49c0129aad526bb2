#!/usr/bin/env bash
# The CLI under valgrind memcheck, every format (-f all) of corpus/example: no memory
# error and no leak of ours. Graphviz's and the font stack's own leaks are suppressed
# by library in tests/valgrind.supp (never by an actorgraph frame).
# Fails on any error memcheck reports after the suppressions: "definitely lost" (or
# indirectly/possibly lost) blocks not allocated by those libraries, invalid reads or
# writes, uninitialised values. Skipped (77) when valgrind is not installed or the
# binary is built with AddressSanitizer (the two do not mix). About 10-20 s.
# usage: bash valgrind.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -uo pipefail

ag=${1:?usage: valgrind.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}

if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: valgrind not installed (scripts/deps.sh --test installs it)"
  exit 77
fi
symbols=$(nm -D "$ag" 2>/dev/null; nm "$ag" 2>/dev/null)  # (not piped into grep -q: pipefail + SIGPIPE)
if [[ "$symbols" == *__asan_init* ]]; then
  echo "SKIP: $ag is built with AddressSanitizer; valgrind runs on the normal build"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log="$tmp/valgrind.log"

# -f all covers every writer (layout + SVG/PNG/PDF rendering through the one Graphviz
# context, cgraph for DOT, json-c, the XML and CSV writers); --directed builds a digraph.
timeout 300 valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --num-callers=40 \
  --suppressions="$src/tests/valgrind.supp" --error-exitcode=99 --log-file="$log" \
  "$ag" build "$src/corpus/example" -f all --directed -o "$tmp/out/example" -q
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "FAIL: valgrind run exited $rc (99: memcheck found errors or leaks of ours)"
  grep -v '^==[0-9]*== *$' "$log" | head -n 80
  exit 1
fi
n=$(ls "$tmp/out" | wc -l)
if [ "$n" -ne 10 ]; then
  echo "FAIL: expected 10 files under valgrind, got $n: $(ls "$tmp/out")"
  exit 1
fi
echo "valgrind: no memory errors and no leaks outside Graphviz and its font stack ($n files written)"
