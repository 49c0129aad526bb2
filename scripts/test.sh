#!/usr/bin/env bash
# test.sh - install what is missing, then run every check CI runs:
#   1. build/       (RelWithDebInfo, -Werror) + ctest
#   2. build-asan/  (AddressSanitizer + UndefinedBehaviorSanitizer) + ctest
#   3. build-fuzz/  (clang, libFuzzer) short fixed runs of each fuzz target
#   4. API documentation into build/docs, failing on any Doxygen warning
# Exits non-zero when anything failed and ends with "N passed, N failed", the sum
# of both ctest runs and the fuzz targets (skipped tests are in neither; a configure or build that
# fails counts as one failed test).
# Runs from any directory.
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

scripts/deps.sh --test

jobs=$(nproc)
passed=0
failed=0
skipped=0
problems=()
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# run_suite NAME BUILD_DIR CMAKE_ARGS...: configure, build, ctest; adds to the totals.
run_suite() {
  local name=$1 dir=$2
  shift 2
  echo
  echo "=== $name: configure and build $dir/"
  if ! cmake -S . -B "$dir" "$@" || ! cmake --build "$dir" -j"$jobs"; then
    problems+=("$name: configure or build failed")
    failed=$((failed + 1))
    return 0
  fi
  echo
  echo "=== $name: ctest"
  local log="$logs/$name.log" rc=0
  ctest --test-dir "$dir" --output-on-failure --parallel "$jobs" 2>&1 | tee "$log" || rc=$?
  # "67% tests passed, 1 tests failed out of 3": ctest counts skipped tests
  # (exit 77) as passed; they are listed as "  3 - name (Skipped)" and not
  # counted as passed here.
  local line p f s total
  line=$(grep -E '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [ -n "$line" ]; then
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
    s=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Skipped\)$' "$log" || true)
    p=$((total - f - s))
    skipped=$((skipped + s))
  elif grep -q 'No tests were found' "$log"; then
    p=0 f=1
    problems+=("$name: ctest found no tests")
  else
    p=0 f=1
    problems+=("$name: could not read ctest's summary")
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$f" -ne 0 ]; then
    problems+=("$name: $f of $((p + f)) tests failed")
  elif [ "$rc" -ne 0 ]; then
    problems+=("$name: ctest exited $rc")
  fi
  return 0
}

# build/ is shared with scripts/build.sh (Release, no tests, no -Werror): say everything.
common=(-DAG_BUILD_TESTS=ON -DAG_WERROR=ON)

run_suite tests build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${common[@]}"

# Leaks inside Graphviz and the font stack it loads are not ours: tests/lsan.supp names
# those libraries only (CTest sets LSAN_OPTIONS from tests/CMakeLists.txt; the same file
# here covers anything run outside CTest). Full unwinding lets the library matches work.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite sanitizers build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAG_SANITIZE=ON "${common[@]}"

# libFuzzer targets built with clang (-Werror), each run for a fixed number of
# executions from its seed corpus and regressions; each target counts as one test.
echo
echo "=== fuzz: tests/fuzz/ci.sh build-fuzz 5000"
fuzz_log=$(mktemp)
set +e # a failure is counted below, not the end of this script
bash tests/fuzz/ci.sh build-fuzz 5000 2>&1 | tee "$fuzz_log"
fuzz_rc=${PIPESTATUS[0]}
set -e
fuzz_ok=$(grep -c '^fuzz ci: [a-z]*: #' "$fuzz_log" || true)
fuzz_bad=$(grep -c '^fuzz ci: [a-z]* FAILED' "$fuzz_log" || true)
rm -f "$fuzz_log"
if [ "$fuzz_rc" -eq 77 ]; then
  skipped=$((skipped + 1))
else
  passed=$((passed + fuzz_ok))
  failed=$((failed + fuzz_bad))
  if [ "$fuzz_rc" -ne 0 ]; then problems+=("fuzz: tests/fuzz/ci.sh exited $fuzz_rc"); fi
fi

echo
echo "=== docs: doxygen into build/docs"
mkdir -p build/docs
rm -f build/docs/warnings.log
if ! doxygen Doxyfile; then
  problems+=("docs: doxygen failed")
elif [ -s build/docs/warnings.log ]; then
  cat build/docs/warnings.log
  problems+=("docs: $(grep -c . build/docs/warnings.log) doxygen warning(s), see build/docs/warnings.log")
else
  echo "no doxygen warnings; HTML in build/docs/html/index.html"
fi

echo
status=0
if [ "${#problems[@]}" -gt 0 ]; then
  for p in "${problems[@]}"; do echo "FAILED: $p"; done
  status=1
fi
[ "$skipped" -eq 0 ] || echo "$skipped test(s) skipped (see the ctest output above)"
echo "$passed passed, $failed failed"
exit "$status"
