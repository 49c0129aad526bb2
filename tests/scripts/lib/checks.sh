# Shared by the shell tests (sourced, not run): a temporary directory removed on exit,
# pass/fail counters and a runner of the CLI. The sourcing script sets $ag first.
# shellcheck shell=bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
run() { # run NAME ARGS...: stdout/stderr to $tmp/NAME.{out,err}, $rc
  local name=$1
  shift
  "$ag" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
  rc=$?
}
