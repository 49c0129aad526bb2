#!/usr/bin/env bash
# The CLI's error behaviour: exit codes (0 ok, 1 runtime failure, 2 usage or invalid
# input), `actorgraph: ` messages naming the file, and no partial output on failure.
# usage: bash cli_errors.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -uo pipefail

ag=${1:?usage: cli_errors.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

# run NAME ARGS...: runs the CLI with stdout/stderr in $tmp/NAME.{out,err}; sets $rc.
run() {
  local name=$1
  shift
  "$ag" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
  rc=$?
}
show() { sed 's/^/    /' "$tmp/$1.err" | head -n 5; }
expect_rc() {  # NAME WANT
  if [ "$rc" -eq "$2" ]; then ok; else fail "$1: exit $rc, want $2"; show "$1"; fi
}
expect_empty_dir() {  # NAME DIR: a failing run leaves nothing behind
  if [ -z "$(ls -A "$2")" ]; then ok; else fail "$1: left files behind: $(ls -A "$2" | tr '\n' ' ')"; fi
}

# Missing input: exit 2, first line names it, nothing written.
mkdir "$tmp/o1"
run missing build /nonexistent -o "$tmp/o1/x"
expect_rc missing 2
first=$(head -n 1 "$tmp/missing.err")
if [ "$first" = "actorgraph: /nonexistent: No such file or directory" ]; then ok; else
  fail "missing: first stderr line is '$first'"; fi
expect_empty_dir missing "$tmp/o1"

# No input at all.
run noinput build
expect_rc noinput 2
if grep -q '^actorgraph: ' "$tmp/noinput.err"; then ok; else fail "noinput: no 'actorgraph: ' line on stderr"; show noinput; fi

# Version.
run version --version
expect_rc version 0
if [ "$(head -n 1 "$tmp/version.out")" = "actorgraph 0.1.0" ]; then ok; else
  fail "version: stdout is '$(head -n 1 "$tmp/version.out")', want 'actorgraph 0.1.0'"; fi

# Unknown format.
run format build -f nope x
expect_rc format 2
if grep -qF 'unknown format "nope"' "$tmp/format.err"; then ok; else fail 'format: stderr does not mention unknown format "nope"'; show format; fi

# A lexicon with a trailing comma: exit 2 with file:line:col, for build and for --check.
printf '{\n  "actors": [\n    {"id": "A", "aliases": ["Alpha"]},\n  ]\n}\n' >"$tmp/lex.json"
printf 'Alpha met Beta.\n' >"$tmp/a.txt"
mkdir "$tmp/o2"
run badlex build -l "$tmp/lex.json" "$tmp/a.txt" -o "$tmp/o2/x"
expect_rc badlex 2
if grep -qE '^actorgraph: .*lex\.json:[0-9]+:[0-9]+: ' "$tmp/badlex.err"; then ok; else
  fail "badlex: stderr does not point at lex.json:LINE:COL"; show badlex; fi
expect_empty_dir badlex "$tmp/o2"
run checklex lexicon --check "$tmp/lex.json"
expect_rc checklex 2
if grep -qE '^actorgraph: .*lex\.json:[0-9]+:[0-9]+: ' "$tmp/checklex.err"; then ok; else
  fail "checklex: stderr does not point at lex.json:LINE:COL"; show checklex; fi

# The dumped lexicon is lexicons/default.json, byte for byte.
run dump lexicon --dump
expect_rc dump 0
if cmp "$tmp/dump.out" "$src/lexicons/default.json"; then ok; else fail "dump: lexicon --dump differs from lexicons/default.json"; fi

# A binary file among the inputs is skipped with a warning; --strict makes it an error.
mkdir "$tmp/in" "$tmp/o3" "$tmp/o4"
printf 'Russia and Pakistan agreed to cooperate.\n' >"$tmp/in/a.txt"
printf 'PK\003\004\000\000\001\002binary\000data\n' >"$tmp/in/b.bin"
run binary build "$tmp/in" -o "$tmp/o3/x" -f json
expect_rc binary 0
if grep -q 'skipped: binary file' "$tmp/binary.err"; then ok; else fail "binary: no 'skipped: binary file' warning"; show binary; fi
[ -s "$tmp/o3/x.json" ] && ok || fail "binary: x.json not written"
run strict build --strict "$tmp/in" -o "$tmp/o4/x" -f json
expect_rc strict 2
expect_empty_dir strict "$tmp/o4"

# JSON Lines on standard input.
mkdir "$tmp/o5"
printf '{"id":"a","text":"Russia and Pakistan agreed to cooperate."}\n' |
  "$ag" build - -o "$tmp/o5/feed" -f json >"$tmp/stdin.out" 2>"$tmp/stdin.err"
rc=$?
expect_rc stdin 0
if python3 -c '
import json, sys
net = json.load(open(sys.argv[1]))
pairs = {tuple(sorted((l["source"], l["target"]))) for l in net["links"]}
sys.exit(0 if ("Pakistan", "Russia") in pairs else 1)
' "$tmp/o5/feed.json" 2>/dev/null; then ok; else fail "stdin: feed.json has no Pakistan--Russia link"; fi

if [ "$failures" -gt 0 ]; then
  echo "cli_errors: $failures of $checks checks failed"
  exit 1
fi
echo "cli_errors: $checks checks pass"
