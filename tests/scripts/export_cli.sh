#!/usr/bin/env bash
# The CLI's formats: -f all and comma lists, csv's two files, -o - with one format,
# --directed, the default title, and a missing Graphviz cairo plugin (PNG/PDF
# reported and skipped, the other formats still written, exit 1).
# usage: bash export_cli.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -uo pipefail

ag=${1:?usage: export_cli.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }
run() {  # NAME ARGS...: stdout/stderr into $tmp/NAME.{out,err}, exit status in $rc
  local name=$1
  shift
  "$ag" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
  rc=$?
}
expect_rc() { if [ "$rc" -eq "$2" ]; then ok; else fail "$1: exit $rc, want $2"; sed 's/^/    /' "$tmp/$1.err" | head -n 5; fi; }
expect_files() {  # NAME DIR FILE...: DIR holds exactly these files
  local name=$1 dir=$2
  shift 2
  local want got
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  got=$(ls -A "$dir" | sort | tr '\n' ' ')
  if [ "$want" = "$got" ]; then ok; else fail "$name: files are '$got', want '$want'"; fi
}
all=(x.json x.dot x.svg x.png x.pdf x.graphml x.gexf x.csv x.nodes.csv x.html)
corpus="$src/corpus/example"

# -f all: ten files, one summary line listing them.
run all build "$corpus" -f all -o "$tmp/all/x"
expect_rc all 0
expect_files all "$tmp/all" "${all[@]}"
if grep -q -- "-> $tmp/all/x.{json,dot,svg,png,pdf,graphml,gexf,csv,nodes.csv,html}\$" "$tmp/all.err"; then ok; else
  fail "all: summary line: $(cat "$tmp/all.err")"; fi

# A comma list, duplicates and all mixed in.
run list build "$corpus" -f csv,gexf,csv -o "$tmp/list/x" -q
expect_rc list 0
expect_files list "$tmp/list" x.csv x.nodes.csv x.gexf
run listall build "$corpus" -f json,all -o "$tmp/listall/x" -q
expect_rc listall 0
expect_files listall "$tmp/listall" "${all[@]}"

# An unknown name: usage error naming the choices, nothing written.
run bad build "$corpus" -f svg,jpeg -o "$tmp/bad/x"
expect_rc bad 2
if grep -qx 'actorgraph: unknown format "jpeg" (choose from json, dot, svg, png, pdf, graphml, gexf, csv, html, or all)' \
  "$tmp/bad.err"; then ok; else fail "bad: message: $(cat "$tmp/bad.err")"; fi
[ ! -e "$tmp/bad" ] && ok || fail "bad: wrote $(ls -A "$tmp/bad")"

# -o -: one format; csv sends the edge list, csv-nodes the node list.
run stdout_all build "$corpus" -f all -o -
expect_rc stdout_all 2
run stdout_csv build "$corpus" -f csv -o - -q
expect_rc stdout_csv 0
if [ "$(head -c 14 "$tmp/stdout_csv.out")" = "source,target," ]; then ok; else fail "stdout_csv: $(head -n 1 "$tmp/stdout_csv.out")"; fi
cmp -s "$tmp/stdout_csv.out" "$tmp/all/x.csv" && ok || fail "stdout_csv differs from x.csv"
run stdout_nodes build "$corpus" -f csv-nodes -o - -q
expect_rc stdout_nodes 0
cmp -s "$tmp/stdout_nodes.out" "$tmp/all/x.nodes.csv" && ok || fail "stdout_nodes differs from x.nodes.csv"
run stdout_png build "$corpus" -f png -o - -q
expect_rc stdout_png 0
cmp -s "$tmp/stdout_png.out" "$tmp/all/x.png" && ok || fail "stdout_png differs from x.png"

# --directed: a digraph with arrows only where there were directed observations.
run directed build "$corpus" -f dot,svg --directed -o "$tmp/directed/x" -q
expect_rc directed 0
if head -n 1 "$tmp/directed/x.dot" | grep -q '^digraph' && grep -q 'dir=none' "$tmp/directed/x.dot" &&
  grep -Eq 'dir=(forward|back|both)' "$tmp/directed/x.dot"; then ok; else fail "directed: DOT has no arrows"; fi
if grep -q 'class="edge"' "$tmp/directed/x.svg" && grep -q '<polygon fill="#' "$tmp/directed/x.svg"; then ok; else
  fail "directed: SVG has no arrowheads"; fi
if head -n 1 "$tmp/all/x.dot" | grep -q '^graph'; then ok; else fail "undirected by default"; fi

# The title: the input's name by default, --title replaces it, --title '' drops it.
title_of() { grep -o 'font-weight="bold" font-size="18.00">[^<]*<' "$1" | sed 's/.*">//; s/<$//'; }
t=$(title_of "$tmp/all/x.svg")
[ "$t" = "example" ] && ok || fail "default title is '$t', want 'example'"
run title build "$corpus" "$src/corpus/example/01-counter-terrorism-commission.txt" -f svg -o "$tmp/title/x" -q
t=$(title_of "$tmp/title/x.svg")
[ "$t" = "example and 1 more" ] && ok || fail "title of two inputs is '$t'"
run title2 build "$corpus" -f svg --title 'Russia & <Pakistan>' -o "$tmp/title2/x" -q
t=$(title_of "$tmp/title2/x.svg")
[ "$t" = "Russia &amp; &lt;Pakistan&gt;" ] && ok || fail "--title gives '$t'"
run title3 build "$corpus" -f svg --title '' -o "$tmp/title3/x" -q
[ -z "$(title_of "$tmp/title3/x.svg")" ] && ok || fail "--title '' still has a title"

# No cairo plugin: Graphviz sees only its core and layout plugins (GVBINDIR).
if command -v dot >/dev/null 2>&1; then
  lib=$(dirname "$(readlink -f "$(ls /usr/lib/*/graphviz/libgvplugin_core.so.6 /usr/lib/graphviz/libgvplugin_core.so.6 \
    2>/dev/null | head -n 1)")")
  mkdir "$tmp/gv"
  for p in core neato_layout dot_layout; do ln -s "$lib/libgvplugin_$p.so.6" "$tmp/gv/"; done
  GVBINDIR="$tmp/gv" dot -c
  GVBINDIR="$tmp/gv" run nocairo build "$corpus" -f all -o "$tmp/nocairo/x"
  expect_rc nocairo 1
  expect_files nocairo "$tmp/nocairo" x.json x.dot x.svg x.graphml x.gexf x.csv x.nodes.csv x.html
  for f in png pdf; do
    F=$(tr a-z A-Z <<<"$f")
    if grep -qxF "actorgraph: $tmp/nocairo/x.$f not written: $F output needs Graphviz's cairo plugin (libgvplugin_pango, in Debian's libgvc6 package; if it is installed, register it as root with 'dot -c')" \
      "$tmp/nocairo.err"; then ok; else fail "nocairo: no message for $f: $(cat "$tmp/nocairo.err")"; fi
  done
  if grep -q '(not all: see above)$' "$tmp/nocairo.err"; then ok; else fail "nocairo: summary does not say so"; fi
  cmp -s "$tmp/nocairo/x.json" "$tmp/all/x.json" && ok || fail "nocairo: the JSON differs"
  GVBINDIR="$tmp/gv" run nocairo_png build "$corpus" -f png -o "$tmp/nocairo_png/x"
  expect_rc nocairo_png 1
  [ -z "$(ls -A "$tmp/nocairo_png" 2>/dev/null)" ] && ok || fail "nocairo_png: left $(ls -A "$tmp/nocairo_png")"
else
  echo "note: Graphviz's dot not installed; the missing-plugin case is not checked"
fi

echo "export_cli: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
