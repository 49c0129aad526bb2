#!/usr/bin/env bash
# actorgraph lexicon --stats (and --check FILE --stats): counts per entry with
# file:line:col, the dead entries, --format json, the reader's warnings and
# skip rules as for build, and the usage errors. The fixture lexicon
# tests/lexicons/faults.json has planted faults; its corpus is tests/lexicons/corpus/.
# Usage: lexicon_stats.sh ACTORGRAPH SOURCE_DIR [SHARED_DIR]
set -u
ag=$1
src=$2
lex=$src/tests/lexicons/faults.json
corpus=$src/tests/lexicons/corpus
# shellcheck source=lib/checks.sh
. "$src/tests/scripts/lib/checks.sh"
has() { # has NAME FILE LINE: the exact line is in the output
  if grep -qxF -- "$3" "$tmp/$1.$2"; then ok; else bad "$1: no line '$3' in $2: $(head -c 600 "$tmp/$1.$2")"; fi
}

# --check FILE --stats: the lint's warnings and verdict, a blank line, then the table.
run check lexicon --check "$lex" --stats "$corpus"
if [ "$rc" -eq 0 ]; then ok; else bad "check: exit $rc: $(cat "$tmp/check.err")"; fi
has check out "$lex:4:38: warning: actors[0].aliases[1]: alias \"Never\" is also the default negator \"never\" (there is no \"negators\" list, so the English defaults apply); the alias wins, so \"never\" is not a negator any more; remove the alias, make it case-sensitive ({\"text\": \"Never\", \"case\": \"sensitive\"}), or give a \"negators\" list"
has check out "$lex:6:44: warning: actors[1].aliases[2]: alias \"--\" has no letter or digit: it matches that punctuation wherever it stands, not a name; remove it"
has check out "$lex: ok, lexicon \"faults\" with 2 actors, 2 warnings"
has check out 'lexicon "faults": 58 entries over 3 documents, 7 sentences; 46 never matched'
has check out "      6     3  alias            A      \"Alpha\"               $lex:4:29 actors[0].aliases[0]"
has check out "      1     1  exclusion        A      \"Alpha Centauri\"      $lex:5:18 actors[0].exclude[0]"
has check out "      3     2  cooperation cue  -      \"agreed\"              $lex:9:35 cues.cooperation.symmetric[0]"
has check out "      1     1  clause break     -      \"without\"             $lex:12:21 clause_breaks[0]"
has check out "      1     1  negator          -      \"not\"                 (built-in) negators"
# the dead entries, one per line, as FILE:LINE:COL: PATH: what
has check out "$lex:4:47: actors[0].aliases[2]: alias \"Gamma Republic\" of A: no match in 3 documents"
has check out "$lex:9:59: cues.cooperation.directed[0]: cooperation cue \"backed\": no match in 3 documents"
has check out "$lex:10:59: cues.conflict.directed[1]: conflict cue \"denounced\": no match in 3 documents"
has check out '(built-in): negators: negator "no longer": no match in 3 documents'
n_dead=$(grep -c ': no match in 3 documents$' "$tmp/check.out")
if [ "$n_dead" -eq 46 ]; then ok; else bad "check: $n_dead dead lines, want 46"; fi
# the broken JSONL line is skipped with build's warning
has check err "actorgraph: warning: $corpus/b.jsonl:3:2: skipped: invalid JSON: boolean expected"

# -l FILE is the same table without the lint.
run stats lexicon --stats -l "$lex" "$corpus"
if [ "$rc" -eq 0 ] && ! grep -q 'warning: actors' "$tmp/stats.out" &&
  diff <(sed -n '/^lexicon "faults"/,$p' "$tmp/check.out") "$tmp/stats.out" >/dev/null; then ok; else
  bad "-l: exit $rc or a table other than --check's"; fi

# --format json: one object, the lint (with --check) on standard error.
run json lexicon --check "$lex" --stats --format json "$corpus"
if [ "$rc" -eq 0 ] && grep -q '2 warnings' "$tmp/json.err" && python3 - "$tmp/json.out" "$lex" <<'PY'; then ok; else
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["lexicon"] == "faults" and d["documents"] == 3 and d["sentences"] == 7, d
assert d["entries"] == len(d["counts"]) == 58 and d["dead"] == 46, (d["entries"], d["dead"])
by = {(c["what"], c["text"]): c for c in d["counts"]}
a = by[("alias", "Alpha")]
assert (a["file"], a["line"], a["col"], a["path"], a["actor"], a["matches"], a["documents"]) == \
    (sys.argv[2], 4, 29, "actors[0].aliases[0]", "A", 6, 3), a
c = by[("conflict cue", "denounced")]
assert c["directed"] is True and c["strength"] == 2 and c["matches"] == 0, c
n = by[("negator", "not")]
assert n["file"] is None and n["line"] is None and n["path"] == "negators" and n["matches"] == 1, n
assert ("negator", "never") not in by and ("negator", "without") not in by
PY
  bad "json: exit $rc: $(head -c 400 "$tmp/json.out") $(cat "$tmp/json.err")"; fi

# The built-in lexicon: places refer to --dump's output, line for line.
run builtin lexicon --stats "$src/corpus/example"
builtin_rc=$rc
run dump lexicon --dump
line=$(grep -E '"Moscow"' "$tmp/builtin.out" | head -1)
place=$(sed -E 's/.*<default>:([0-9]+):([0-9]+) .*/\1 \2/' <<<"$line")
read -r l c <<<"$place"
if [ "$builtin_rc" -eq 0 ] && [ -n "${l:-}" ] && [ "$(sed -n "${l}p" "$tmp/dump.out" | cut -c"$c"-"$((c + 7))")" = '"Moscow"' ] &&
  grep -qE '^ +[1-9][0-9]* +[1-9][0-9]*  alias +Russia +"Moscow" ' "$tmp/builtin.out"; then ok; else bad "builtin: '$line'"; fi

# Standard input, as for build.
printf 'Alpha agreed. Gamma Republic denounced Beta.\n' >"$tmp/in.txt"
"$ag" lexicon --stats -l "$lex" - <"$tmp/in.txt" >"$tmp/stdin.out" 2>"$tmp/stdin.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'entries over 1 document, 2 sentences' "$tmp/stdin.out" &&
  grep -qE '^ +1 +1  conflict cue +- +"denounced" ' "$tmp/stdin.out"; then ok; else
  bad "stdin: exit $rc: $(head -3 "$tmp/stdin.out")"; fi

# Bad input follows build's rules: --strict makes the skipped line an error (exit 2).
run strict lexicon --stats -l "$lex" --strict "$corpus"
if [ "$rc" -eq 2 ] && grep -q 'b.jsonl:3' "$tmp/strict.err"; then ok; else bad "strict: exit $rc: $(cat "$tmp/strict.err")"; fi

# Usage errors: exit 2 with a message.
usage() { # usage NAME MESSAGE ARGS...
  local name=$1 msg=$2
  shift 2
  run "$name" "$@"
  if [ "$rc" -eq 2 ] && grep -qF -- "$msg" "$tmp/$name.err"; then ok; else
    bad "$name: exit $rc: $(cat "$tmp/$name.err")"; fi
}
usage nocorpus '--stats needs a corpus' lexicon --stats -l "$lex"
usage twolex 'give the lexicon once' lexicon --check "$lex" -l "$lex" --stats "$corpus"
usage badformat 'invalid format "xml"' lexicon --stats --format xml "$corpus"
usage formatalone 'go with --stats' lexicon --check "$lex" --format json
usage missing 'nonexistent' lexicon --stats "$tmp/nonexistent"
usage nothing 'give one of --dump, --check FILE or --stats' lexicon
usage badlex 'is listed both as a cooperation cue and as a conflict cue (first at 4:45, cues.cooperation.symmetric[1])' \
  lexicon --stats -l "$src/tests/lexicons/both-polarities.json" "$corpus"

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
