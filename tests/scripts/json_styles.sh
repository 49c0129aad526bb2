#!/usr/bin/env bash
# --json-style node-link|cytoscape|graphology: each shape of the example network
# loads into cytoscape, graphology and d3-force (../shared/validate/check-json.mjs
# --strict), with every node and edge; a bad style is a usage error.
# Skips (77) without node or ../shared/validate/node_modules.
# Usage: json_styles.sh ACTORGRAPH SOURCE_DIR SHARED_DIR
set -u
ag=$1
src=$2
shared=${3:-$src/../shared}
check=$shared/validate/check-json.mjs
if ! command -v node >/dev/null 2>&1 || [ ! -f "$check" ] || [ ! -d "$shared/validate/node_modules" ]; then
  echo "SKIP: node or $shared/validate (with node_modules) not found"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

for style in node-link cytoscape graphology; do
  if ! "$ag" build "$src/corpus/example" -f json --json-style "$style" -o "$tmp/$style" -q; then
    bad "$style: build failed"
    continue
  fi
  if node "$check" --strict "$tmp/$style.json" >"$tmp/$style.log" 2>&1 && grep -q 'nodes=6 edges=15' "$tmp/$style.log"; then
    ok
  else
    bad "$style: $(cat "$tmp/$style.log")"
  fi
done
# The default is node-link, byte for byte.
"$ag" build "$src/corpus/example" -f json -o "$tmp/default" -q
if cmp -s "$tmp/default.json" "$tmp/node-link.json"; then ok; else bad "--json-style node-link differs from the default"; fi
# The shapes.
if python3 - "$tmp" <<'PY'; then ok; else bad "shapes"; fi
import json, sys
t = sys.argv[1]
c = json.load(open(t + "/cytoscape.json"))
g = json.load(open(t + "/graphology.json"))
assert set(c) == {"data", "directed", "multigraph", "elements"}, c.keys()
assert c["elements"]["edges"][0]["data"]["source"] and "evidence" in c["elements"]["edges"][0]["data"]
assert g["options"] == {"type": "undirected", "multi": False, "allowSelfLoops": False}
assert "id" not in g["nodes"][0]["attributes"] and g["nodes"][0]["key"]
assert g["edges"][0]["undirected"] is True and "source" not in g["edges"][0]["attributes"]
PY
# A bad style: exit 2, one line.
"$ag" build "$src/corpus/example" -f json --json-style d3 -o "$tmp/bad" -q 2>"$tmp/bad.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'invalid JSON style "d3"' "$tmp/bad.err" && [ ! -e "$tmp/bad.json" ]; then ok; else
  bad "--json-style d3: exit $rc, $(cat "$tmp/bad.err")"
fi
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
