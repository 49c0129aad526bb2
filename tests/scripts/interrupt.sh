#!/usr/bin/env bash
# An interrupted run leaves no temporary and no broken or half-replaced set of outputs.
# strace holds a system call for three seconds while we send SIGINT or SIGTERM:
#  - while the outputs are being written (fchmod of a new temporary): the temporaries go,
#    the earlier outputs stay exactly as they were;
#  - during the final renames: signals wait until every rename is done, so the new set is
#    complete (all files from the new run), never a mix.
# usage: bash interrupt.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -euo pipefail
ag=${1:?usage: interrupt.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=$(cd "${2:?}" && pwd)
if ! command -v strace >/dev/null 2>&1; then
  echo "SKIP: strace not installed (scripts/deps.sh --test installs it)"
  exit 77
fi
if ! strace -f -o /dev/null true 2>/dev/null; then
  echo "SKIP: strace cannot trace here (no ptrace)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
old_in=$src/corpus/example
new_in=$src/corpus/example/01-counter-terrorism-commission.txt
fmts=json,dot,csv
"$ag" build "$old_in" -f "$fmts" -o "$tmp/before/net" -q -j 1
"$ag" build "$new_in" -f "$fmts" -o "$tmp/after/net" -q -j 1
fail=0
# run CALL SIG EXPECT: EXPECT is before (untouched) or after (the new complete set)
run() {
  local call=$1 sig=$2 expect=$3 out=$tmp/out
  rm -rf "$out"
  cp -a "$tmp/before" "$out"
  strace -f -o /dev/null -e trace="$call" -e inject="$call":delay_enter=3000000:when=1 \
    "$ag" build "$new_in" -f "$fmts" -o "$out/net" -q -j 1 &
  local pid=$! child=""
  for _ in $(seq 1 200); do
    ls -A "$out" | grep -q '\.tmp\.' && break
    sleep 0.02
  done
  child=$(pgrep -P "$pid" -x actorgraph || true)
  kill -s "$sig" "${child:-$pid}" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local left
  left=$(ls -A "$out" | grep '\.tmp\.' || true)
  if [ -n "$left" ]; then
    echo "FAIL: SIG$sig at $call left temporaries: $left"
    fail=1
  elif ! diff -r "$tmp/$expect" "$out" >/dev/null; then
    echo "FAIL: SIG$sig at $call: the outputs are not the $expect set"
    diff -rq "$tmp/$expect" "$out" | head -5
    fail=1
  else
    echo "ok: SIG$sig at $call: no temporary left, outputs = the $expect set"
  fi
}
for sig in INT TERM; do
  run fchmod "$sig" before
  run rename "$sig" after
done
exit "$fail"
