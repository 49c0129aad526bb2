#!/usr/bin/env bash
# build --dedup: the same sentence in three documents (once more in other case, spacing and
# quotes) counts in every document by default and once with --dedup corpus, which reports the
# folded copies on the summary line, in --summary json and in graph.dedup/graph.folded of the
# network JSON; -j1 = -j2 byte for byte; the paragraph window loses the copy; merge sums folded
# and refuses mixed modes; --split-by folds within each group; a bad mode is a usage error.
# GraphML and GEXF carry dedup/folded like the JSON, only for corpus. compare --dedup folds the
# copies within each side built from articles, and warns when the sides' modes differ.
# usage: bash dedup.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -u
ag=${1:?usage: dedup.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=$(cd "${2:?}" && pwd)
# shellcheck source=lib/checks.sh
. "$src/tests/scripts/lib/checks.sh"
# check NAME PYTHON-ASSERTIONS: the network $tmp/NAME.json as `g` (graph) and `w(a, b)` (weight)
check() {
  local name=$1
  shift
  if python3 - "$tmp/$name.json" "$@" <<'PY'; then ok; else bad "$name: see above"; fi
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
g = d["graph"]
links = {tuple(sorted((l["source"], l["target"]))): l for l in d["links"]}
def w(a, b):
    l = links.get(tuple(sorted((a, b))))
    return l["weight"] if l else 0
def ev(a, b):
    return links[tuple(sorted((a, b)))]["evidence"]
for expr in sys.argv[2:]:
    if not eval(expr):
        print(f"  {sys.argv[1]}: {expr} is false; graph {g}, links { {k: l['weight'] for k, l in links.items()} }")
        sys.exit(1)
PY
}

c=$tmp/corpus
mkdir -p "$c"
copy='Russia and Pakistan agreed to expand cooperation against the Islamic State.'
printf 'Moscow wire.\n\n%s\n' "$copy" >"$c/1.txt"
printf '%s\n\nIndia accused Pakistan of shelling.\n' "$copy" >"$c/2.txt"
printf 'India held a meeting in the capital. %s\n' "$copy" >"$c/3.txt"
printf 'RUSSIA and  Pakistan agreed to expand cooperation against the \xe2\x80\x98Islamic State\xe2\x80\x99.\n' >"$c/4.txt"

# The default is --dedup document, and writes the JSON as before (no dedup keys).
run default build "$c" -f json -o "$tmp/default"
run document build "$c" -f json -o "$tmp/document" --dedup document -q
if [ "$rc" -eq 0 ] && cmp -s "$tmp/default.json" "$tmp/document.json"; then ok; else bad "--dedup document differs from the default"; fi
if ! grep -q '"dedup"\|"folded"' "$tmp/default.json"; then ok; else bad "default JSON has dedup keys"; fi
if ! grep -q 'folded' "$tmp/default.err"; then ok; else bad "default summary: $(cat "$tmp/default.err")"; fi
check default 'w("Pakistan", "Russia") == 4' 'w("IS", "Russia") == 4' 'len(ev("Pakistan", "Russia")) == 3' \
  'g["sentences"] == 7' '"dedup" not in g'

# --dedup corpus: once, the first copy's evidence, three copies folded.
run corpus build "$c" -f json,dot -o "$tmp/corpus" --dedup corpus -j 1
if [ "$rc" -eq 0 ] && grep -q '^actorgraph: 4 documents, 4 sentences, 4 actors, 4 links, 3 duplicate sentences folded -> ' \
  "$tmp/corpus.err"; then ok; else bad "corpus summary line (exit $rc): $(cat "$tmp/corpus.err")"; fi
check corpus 'w("Pakistan", "Russia") == 1' 'w("IS", "Russia") == 1' 'w("India", "Pakistan") == 1' \
  '[e["doc"] for e in ev("Pakistan", "Russia")] == ["1.txt"]' \
  'g["dedup"] == "corpus"' 'g["folded"] == 3' 'g["documents"] == 4' 'g["sentences"] == 4' \
  'list(g)[-2:] == ["dedup", "folded"]'
# ... folded = what the default counted more
if python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["graph"]; b=json.load(open(sys.argv[2]))["graph"]
assert a["sentences"] - b["sentences"] == b["folded"]' "$tmp/default.json" "$tmp/corpus.json"; then ok; else
  bad "sentences(document) - sentences(corpus) != folded"; fi

# -j1 = -j2, sentence and paragraph windows.
for w in sentence paragraph 2; do
  "$ag" build "$c" -f json,dot -o "$tmp/w$w-j1" --dedup corpus -w "$w" -q -j 1
  "$ag" build "$c" -f json,dot -o "$tmp/w$w-j2" --dedup corpus -w "$w" -q -j 2
  if cmp -s "$tmp/w$w-j1.json" "$tmp/w$w-j2.json" && cmp -s "$tmp/w$w-j1.dot" "$tmp/w$w-j2.dot"; then ok; else
    bad "-w $w --dedup corpus: -j1 and -j2 differ"; fi
done
if cmp -s "$tmp/corpus.json" "$tmp/wsentence-j2.json"; then ok; else bad "-j1 and -j2 differ"; fi

# Paragraph window: the copy is simply not there, so India no longer meets Russia in 3.txt.
run para build "$c" -f json -o "$tmp/para" -w paragraph -q
check para 'w("India", "Russia") == 1' 'w("India", "Pakistan") == 2' 'w("Pakistan", "Russia") == 4'
check wparagraph-j1 'w("India", "Russia") == 0' 'w("India", "Pakistan") == 1' 'w("Pakistan", "Russia") == 1' \
  'g["folded"] == 3' 'g["window"] == "paragraph"'

# --summary json says the mode and the folded copies.
run sj build "$c" -f json -o "$tmp/sj" --dedup corpus --summary json -q
if [ "$rc" -eq 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["dedup"] == "corpus" and d["folded"] == 3 and d["sentences"] == 4, d' "$tmp/sj.out"; then ok; else
  bad "--summary json: $(head -c 300 "$tmp/sj.out")"; fi
run sjd build "$c" -f json -o "$tmp/sjd" --summary json -q
if [ "$rc" -eq 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["dedup"] == "document" and d["folded"] == 0, d' "$tmp/sjd.out"; then ok; else
  bad "--summary json (default): $(head -c 300 "$tmp/sjd.out")"; fi

# A bad mode is a usage error, before any input is read.
run badmode build "$c" --dedup all -o "$tmp/bad"
if [ "$rc" -eq 2 ] && grep -qx 'actorgraph: invalid dedup mode "all" (use document or corpus)' "$tmp/badmode.err" &&
  ! [ -e "$tmp/bad.json" ]; then ok; else bad "--dedup all: exit $rc: $(cat "$tmp/badmode.err")"; fi
run nomode build "$c" --dedup
if [ "$rc" -eq 2 ]; then ok; else bad "--dedup without a value: exit $rc"; fi
if "$ag" build --help | grep -q -- '--dedup MODE'; then ok; else bad "--help does not list --dedup"; fi

# merge: folded copies add up (the mode is kept), a mixed merge is refused, a round trip is exact.
run merged merge "$tmp/corpus.json" "$tmp/corpus.json" -f json -o "$tmp/merged" -q
check merged 'g["dedup"] == "corpus"' 'g["folded"] == 6' 'g["sentences"] == 8'
run mixed merge "$tmp/corpus.json" "$tmp/default.json" -f json -o "$tmp/mixed" -q
if [ "$rc" -eq 2 ] && grep -q 'cannot merge networks built with different dedup modes ("corpus" and "document")' \
  "$tmp/mixed.err"; then ok; else bad "mixed merge: exit $rc: $(cat "$tmp/mixed.err")"; fi
run again merge "$tmp/corpus.json" -f json -o "$tmp/again" -q
if [ "$rc" -eq 0 ] && cmp -s "$tmp/corpus.json" "$tmp/again.json"; then ok; else bad "round trip through merge differs"; fi

# JSON Lines through stdin; --split-by folds within each group (each network is its own corpus).
{
  printf '{"id": "a1", "source": "wire", "text": "%s"}\n' "$copy"
  printf '{"id": "a2", "source": "wire", "text": "%s"}\n' "$copy"
  printf '{"id": "b1", "source": "paper", "text": "%s India met Pakistan."}\n' "$copy"
} >"$tmp/feed.jsonl"
"$ag" build - -f json -o "$tmp/feed" --dedup corpus -q <"$tmp/feed.jsonl"
check feed 'g["folded"] == 2' 'w("Pakistan", "Russia") == 1' 'w("India", "Pakistan") == 1'
run split build "$tmp/feed.jsonl" -f json -o "$tmp/split" --dedup corpus --split-by source -q
mv "$tmp/split/wire.json" "$tmp/wire.json" 2>/dev/null
mv "$tmp/split/paper.json" "$tmp/paper.json" 2>/dev/null
check wire 'g["folded"] == 1' 'w("Pakistan", "Russia") == 1'
check paper 'g["folded"] == 0' 'w("Pakistan", "Russia") == 1'

# GraphML (graph <data>) and GEXF (<meta> description) say what the JSON says, only for corpus.
run xcorpus build "$c" -f json,graphml,gexf -o "$tmp/xcorpus" --dedup corpus -q
run xdefault build "$c" -f json,graphml,gexf -o "$tmp/xdefault" -q
if python3 - "$tmp/xcorpus" <<'PY'; then ok; else bad "corpus GraphML/GEXF disagree with the JSON"; fi
import json, sys, xml.etree.ElementTree as ET
p = sys.argv[1]
g = json.load(open(p + ".json", encoding="utf-8"))["graph"]
ns = "{http://graphml.graphdrawing.org/xmlns}"
root = ET.parse(p + ".graphml").getroot()
keys = {k.get("id") for k in root.iter(ns + "key")}
data = {d.get("key"): d.text for d in root.find(ns + "graph").findall(ns + "data")}
assert {"g_dedup", "g_folded"} <= keys, keys
assert (data["g_dedup"], int(data["g_folded"])) == (g["dedup"], g["folded"]) == ("corpus", 3), (data, g)
desc = ET.parse(p + ".gexf").getroot().find("{http://www.gexf.net/1.2draft}meta/{http://www.gexf.net/1.2draft}description").text
assert "; dedup: corpus; folded: 3; " in desc, desc
PY
if ! grep -q 'dedup\|folded' "$tmp/xdefault.graphml" "$tmp/xdefault.gexf"; then ok; else
  bad "default GraphML/GEXF mention dedup"; fi

# compare --dedup: parsed as in build; each side built from articles folds its own copies.
cp -r "$c" "$tmp/corpus2"
run cmpmixed compare "$tmp/default.json" "$c" --dedup corpus -o "$tmp/cmp/mixed" -f json -q
if [ "$rc" -eq 0 ] && jq -e '[.links[] | select(.source == "Pakistan" and .target == "Russia")][0]
  | .a.weight == 4 and .b.weight == 1 and .status == "weakened"' "$tmp/cmp/mixed.diff.json" >/dev/null &&
  jq -e '.graph.dedup == "corpus" and .graph.folded == 3' "$tmp/cmp/mixed.b.json" >/dev/null; then ok; else
  bad "compare default.json corpus --dedup corpus (exit $rc): $(cat "$tmp/cmpmixed.err")"; fi
if grep -qx "actorgraph: warning: $tmp/default.json and $c were built with different dedup modes (document vs corpus); their figures may not be comparable" \
  "$tmp/cmpmixed.err"; then ok; else bad "compare: no warning on mixed modes: $(cat "$tmp/cmpmixed.err")"; fi
# the same articles on both sides: a copy on side A does not fold its twin on side B
run cmpsides compare "$c" "$tmp/corpus2" --dedup corpus -o "$tmp/cmp/sides" -f json -j 2
if [ "$rc" -eq 0 ] && jq -e '[.links[] | select(.source == "Pakistan" and .target == "Russia")][0]
  | .a.weight == 1 and .b.weight == 1 and .status == "unchanged"' "$tmp/cmp/sides.diff.json" >/dev/null &&
  jq -e '.graph.folded == 3' "$tmp/cmp/sides.a.json" >/dev/null && jq -e '.graph.folded == 3' "$tmp/cmp/sides.b.json" >/dev/null &&
  cmp -s "$tmp/corpus.json" "$tmp/cmp/sides.a.json" && ! grep -q 'dedup modes' "$tmp/cmpsides.err"; then ok; else
  bad "compare corpus corpus2 --dedup corpus (exit $rc): $(cat "$tmp/cmpsides.err")"; fi
run cmpdoc compare "$c" "$tmp/corpus2" --dedup document -o "$tmp/cmp/doc" -f json -q
if [ "$rc" -eq 0 ] && cmp -s "$tmp/default.json" "$tmp/cmp/doc.a.json"; then ok; else
  bad "compare --dedup document: side A differs from build's default (exit $rc)"; fi
run cmpbad compare "$c" "$tmp/corpus2" --dedup all -o "$tmp/cmp/bad"
if [ "$rc" -eq 2 ] && grep -qx 'actorgraph: invalid dedup mode "all" (use document or corpus)' "$tmp/cmpbad.err" &&
  ! [ -e "$tmp/cmp/bad.diff.json" ]; then ok; else bad "compare --dedup all: exit $rc: $(cat "$tmp/cmpbad.err")"; fi
if "$ag" compare --help | grep -q -- '--dedup MODE'; then ok; else bad "compare --help does not list --dedup"; fi

# A generated corpus (templates repeat): folded = the sentences the default counted more.
python3 "$src/bench/gen_corpus.py" --mb 1 --out "$tmp/gen.jsonl" >/dev/null
"$ag" build "$tmp/gen.jsonl" -f json -o "$tmp/gen-doc" -q
"$ag" build "$tmp/gen.jsonl" -f json -o "$tmp/gen-cor" -q --dedup corpus -j 2
if python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["graph"]; b=json.load(open(sys.argv[2]))["graph"]
assert b["folded"] > 0 and a["sentences"] - b["sentences"] == b["folded"], (a, b)' "$tmp/gen-doc.json" \
  "$tmp/gen-cor.json"; then ok; else bad "generated corpus: folded != sentences the default counted more"; fi

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
