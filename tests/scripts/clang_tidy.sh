#!/usr/bin/env bash
# clang-tidy (checks in .clang-tidy) must find nothing in src/.
# usage: bash clang_tidy.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -euo pipefail
bin=${1:?usage: clang_tidy.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=$(cd "${2:?}" && pwd)
build=$(dirname "$bin")
if ! command -v clang-tidy >/dev/null 2>&1; then
  echo "SKIP: clang-tidy not installed (scripts/deps.sh --test installs it)"
  exit 77
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "SKIP: no compile_commands.json in $build"
  exit 77
fi
# The sanitizer build's flags are the same code; one pass is enough.
case "$build" in *asan*) echo "SKIP: clang-tidy runs in the plain build"; exit 77 ;; esac
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cd "$src"
for f in src/*.c src/export/*.c src/cli/*.c src/util/*.c; do
  clang-tidy -p "$build" --quiet "$f" 2>/dev/null >>"$log" || true
done
n=$(grep -c 'warning:' "$log" || true)
if [ "$n" -ne 0 ]; then
  echo "FAIL: clang-tidy found $n warning(s):"
  grep -A3 'warning:' "$log"
  exit 1
fi
echo "OK: clang-tidy $(clang-tidy --version | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -n1): no warnings in src/"
