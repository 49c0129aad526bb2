#!/usr/bin/env bash
# Shards and merge through the CLI: a corpus split into shards of whole documents,
# each built on its own (-f json), then merged with `actorgraph merge` in several
# orders and groupings, gives byte for byte the JSON of one run over the whole
# corpus. Splits: first + rest, halves, odd/even, round robin in three, singletons;
# corpora: corpus/example and, when ../shared is there, the seed articles. Also the
# many-cores path (xargs -P 2, one build per file), the cluster path (JSON Lines
# chunks through `build - -o -`, compact JSON per line, `merge -`), and merge's
# error behaviour.
# usage: bash merge_shards.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -uo pipefail

ag=${1:?usage: merge_shards.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}
shared=${3:-}

if [ ! -x "$ag" ]; then
  echo "SKIP: $ag is not built"
  exit 77
fi
ag=$(cd "$(dirname "$ag")" && pwd)/$(basename "$ag") # the xargs check runs it from another directory

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

# same FILE WANT WHAT: FILE must equal WANT byte for byte.
same() {
  if cmp -s "$1" "$2"; then ok; else
    fail "$3: differs from the single run"
    diff "$2" "$1" | head -n 10 | sed 's/^/    /'
  fi
}

# merge OUT_PREFIX OPTIONS... INPUTS...: runs merge -f json quietly, counts a failure on a non-zero exit.
merge() {
  local out=$1
  shift
  if ! "$ag" merge -q -f json -o "$out" "$@" 2>"$tmp/merge.err"; then
    fail "merge -o $out $*: exit non-zero"
    sed 's/^/    /' "$tmp/merge.err" | head -n 3
  fi
}

# Shard assignments of N files (0-based index -> shard) for each way of splitting.
assign() {  # WAY N INDEX
  local way=$1 n=$2 i=$3
  case $way in
    first-rest) [ "$i" -eq 0 ] && echo 0 || echo 1 ;;
    halves) [ "$i" -lt $(((n + 1) / 2)) ] && echo 0 || echo 1 ;;
    odd-even) echo $((i % 2)) ;;
    thirds) echo $((i % 3)) ;;
    singletons) echo "$i" ;;
  esac
}

# check_corpus LABEL DIR BUILD_OPTIONS...: the single run against merges of shards (in $tmp/LABEL).
check_corpus() {
  local label=$1 dir=$2
  shift 2
  local opts=("$@")
  local tag="$label${opts[*]:+ (${opts[*]})}" work="$tmp/$label"
  mkdir -p "$work"
  if ! "$ag" build -q -f json "${opts[@]}" -o "$work/single" "$dir"; then
    fail "$tag: single build failed"
    return
  fi
  local files=()
  while IFS= read -r f; do files+=("$f"); done < <(cd "$dir" && LC_ALL=C ls)
  local n=${#files[@]}
  for way in first-rest halves odd-even thirds singletons; do
    local sd="$work/$way"
    mkdir -p "$sd"
    for i in "${!files[@]}"; do
      local k
      k=$(assign "$way" "$n" "$i")
      mkdir -p "$sd/in/$k"
      cp "$dir/${files[$i]}" "$sd/in/$k/"
    done
    # one build per shard directory: document ids are paths relative to it, as in the single run
    local shards=()
    for k in $(cd "$sd/in" && ls | sort -n); do
      "$ag" build -q -f json "${opts[@]}" -o "$sd/part$k" "$sd/in/$k" || fail "$tag $way: build of shard $k failed"
      shards+=("$sd/part$k.json")
    done
    local m=${#shards[@]}
    # all at once, in order and reversed
    merge "$sd/flat" "${shards[@]}"
    same "$sd/flat.json" "$work/single.json" "$tag $way: merge of $m shards"
    local rev=()
    for ((i = m - 1; i >= 0; i--)); do rev+=("${shards[$i]}"); done
    merge "$sd/rev" "${rev[@]}"
    same "$sd/rev.json" "$work/single.json" "$tag $way: merge of $m shards in reverse"
    if [ "$m" -ge 2 ]; then
      # left fold ((s0 + s1) + s2) + ... and right fold s0 + (s1 + (s2 + ...))
      cp "${shards[0]}" "$sd/left0.json"
      for ((i = 1; i < m; i++)); do merge "$sd/left$i" "$sd/left$((i - 1)).json" "${shards[$i]}"; done
      same "$sd/left$((m - 1)).json" "$work/single.json" "$tag $way: left fold"
      cp "${shards[$((m - 1))]}" "$sd/right$((m - 1)).json"
      for ((i = m - 2; i >= 0; i--)); do merge "$sd/right$i" "$sd/right$((i + 1)).json" "${shards[$i]}"; done
      same "$sd/right0.json" "$work/single.json" "$tag $way: right fold, new shard last"
    fi
    # several networks in one stream on standard input
    cat "${rev[@]}" | "$ag" merge -q -f json -o - - >"$sd/stdin.json" 2>"$tmp/merge.err" ||
      fail "$tag $way: merge - failed: $(head -n 1 "$tmp/merge.err")"
    same "$sd/stdin.json" "$work/single.json" "$tag $way: cat shards | merge -"
  done
}

check_corpus example "$src/corpus/example"
check_corpus example-paragraph "$src/corpus/example" -w paragraph -e 1
check_corpus example-3 "$src/corpus/example" -w 3 -e 5
check_corpus example-document "$src/corpus/example" -w document -e 0
if [ -d "$shared/seeds" ]; then
  check_corpus seeds "$shared/seeds"
  check_corpus seeds-paragraph "$shared/seeds" -w paragraph -e 2
else
  echo "note: $shared/seeds not found: the seed articles are not checked"
fi

# Many cores: one build per file, two at a time, then one merge.
# (GNU parallel works the same: parallel -j 2 actorgraph build {} -q -f json -o OUT/{} ::: *)
"$ag" build -q -f json -o "$tmp/xargs-single" "$src/corpus/example"
mkdir -p "$tmp/xargs"
(cd "$src/corpus/example" && LC_ALL=C ls | xargs -P 2 -I{} "$ag" build {} -q -f json -o "$tmp/xargs/{}") ||
  fail "xargs -P 2: a build failed"
merge "$tmp/xargs-merged" "$tmp"/xargs/*.json
same "$tmp/xargs-merged.json" "$tmp/xargs-single.json" "xargs -P 2 builds + merge"
# The diagrams too, given the title build would use (the JSON keeps none).
"$ag" build -q -f dot -o "$tmp/dot-single" --title example "$src/corpus/example"
"$ag" merge -q -f dot -o "$tmp/dot-merged" --title example "$tmp"/xargs/*.json
same "$tmp/dot-merged.dot" "$tmp/dot-single.dot" "DOT of the merge with --title"

# Many machines: JSON Lines chunks through `build - -f json -o -` (the mapper), one
# compact network per line (as Hadoop Streaming needs), `merge -` (the reducer).
if command -v jq >/dev/null 2>&1; then
  for f in "$src"/corpus/example/*; do
    jq -Rsc --arg id "$(basename "$f")" '{id: $id, text: .}' "$f"
  done >"$tmp/all.jsonl"
  "$ag" build -q -f json -o "$tmp/jsonl-single" "$tmp/all.jsonl"
  mkdir -p "$tmp/chunks"
  split -l 3 "$tmp/all.jsonl" "$tmp/chunks/c"
  for c in "$tmp"/chunks/c*; do
    "$ag" build - -q -f json -o - <"$c" | jq -c . || fail "mapper on $c failed"
  done >"$tmp/mapped.txt"
  if [ "$(wc -l <"$tmp/mapped.txt")" -eq 3 ]; then ok; else fail "mapper: $(wc -l <"$tmp/mapped.txt") lines, want 3"; fi
  sort "$tmp/mapped.txt" | "$ag" merge - -q -f json -o - >"$tmp/jsonl-merged.json" ||
    fail "reducer: merge - failed"
  same "$tmp/jsonl-merged.json" "$tmp/jsonl-single.json" "JSON Lines chunks: build - | jq -c | sort | merge -"
else
  echo "note: jq not installed: the JSON Lines mapper/reducer path is not checked"
fi

# Errors: exit 2 naming the file (and line:col), nothing written.
one="$tmp/example/single.json"
mkdir -p "$tmp/err"
head -c 700 "$one" >"$tmp/err/cut.json"
"$ag" merge -q -f json -o "$tmp/err/out" "$one" "$tmp/err/cut.json" 2>"$tmp/err.txt"
rc=$?
if [ "$rc" -eq 2 ]; then ok; else fail "cut file: exit $rc, want 2"; fi
if grep -qE "^actorgraph: $tmp/err/cut.json:[0-9]+:[0-9]+: unexpected end of input" "$tmp/err.txt"; then ok; else
  fail "cut file: message is '$(head -n 1 "$tmp/err.txt")'"; fi
if [ ! -e "$tmp/err/out.json" ]; then ok; else fail "cut file: output written"; fi

"$ag" merge -q -f json -o "$tmp/err/out" "$one" "$tmp/example-paragraph/single.json" 2>"$tmp/err.txt"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF 'cannot merge networks built with different windows ("sentence" and "paragraph")' "$tmp/err.txt"; then
  ok
else fail "different windows: exit $rc, '$(head -n 1 "$tmp/err.txt")'"; fi

"$ag" merge -q -f json -o "${one%.json}" "$one" 2>"$tmp/err.txt"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF 'output would replace the input' "$tmp/err.txt"; then ok; else
  fail "output over input: exit $rc, '$(head -n 1 "$tmp/err.txt")'"; fi

"$ag" merge -q -f json,dot -o - "$one" 2>/dev/null >/dev/null
rc=$?
if [ "$rc" -eq 2 ]; then ok; else fail "-o - with two formats: exit $rc, want 2"; fi

"$ag" merge -q /nonexistent.json -o "$tmp/err/out" 2>"$tmp/err.txt"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF 'actorgraph: /nonexistent.json: No such file or directory' "$tmp/err.txt"; then ok; else
  fail "missing input: exit $rc, '$(head -n 1 "$tmp/err.txt")'"; fi

if "$ag" merge --help | grep -q '^Usage: actorgraph merge'; then ok; else fail "merge --help"; fi

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
