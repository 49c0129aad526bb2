#!/usr/bin/env bash
# Short fixed fuzz runs for CI: builds the libFuzzer targets with clang into
# BUILD_DIR (default build-fuzz) and runs each for RUNS executions (default
# 5000, fixed seed) starting from its seed corpus and regressions. Fails on any
# crash, leak, timeout or broken check; exits 77 (skipped) without clang.
# usage: tests/fuzz/ci.sh [BUILD_DIR] [RUNS]
set -uo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build-fuzz}
mkdir -p "$build" && build=$(cd "$build" && pwd) # the runs cd into their work directories
runs=${2:-5000}
if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz ci: SKIP: clang is not installed"
  exit 77
fi
# clang builds the library with -Werror too: its warnings differ from gcc's, and both are kept clean.
CC=clang cmake -S "$src" -B "$build" -DAG_FUZZ=ON -DAG_BUILD_TESTS=OFF -DAG_WERROR=ON >/dev/null || exit 1
cmake --build "$build" -j "$(nproc)" >/dev/null || { echo "fuzz ci: build failed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for bin in "$build"/fuzz/fuzz_*; do
  t=${bin##*/fuzz_}
  mkdir -p "$work/$t/corpus" "$work/$t/art"
  cp "$src/tests/fuzz/corpus/$t/"* "$work/$t/corpus/" 2>/dev/null
  cp "$src/tests/fuzz/regressions/$t/"* "$work/$t/corpus/" 2>/dev/null
  if (cd "$work/$t/art" && "$bin" -runs="$runs" -seed=1 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$work/$t/corpus" >"$work/$t/log" 2>&1); then
    echo "fuzz ci: $t: $(grep -E '^#[0-9]+.*DONE' "$work/$t/log" | tail -n 1)"
  else
    failed=$((failed + 1))
    echo "fuzz ci: $t FAILED:"
    grep -E 'ERROR|runtime error|check failed|SUMMARY|^    #' "$work/$t/log" | head -n 30 ||
      tail -n 5 "$work/$t/log" # no sanitizer report: say what went wrong instead
    for a in "$work/$t/art"/*; do
      [ -f "$a" ] && echo "  input (base64): $(base64 -w0 "$a" | head -c 2000)"
    done
  fi
done
[ "$failed" -eq 0 ] || exit 1
