#!/usr/bin/env bash
# The networks of corpus/example and ../shared/seeds, in every format (-f all), load
# into the real consumers (../shared/validate: cytoscape, graphology, d3-force,
# networkx, Graphviz, chromium; Python's csv module for the CSV; file signatures and
# pdfinfo when installed for PNG/PDF), and a second run writes byte-identical files.
# usage: bash validate_graphs.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -uo pipefail

ag=${1:?usage: validate_graphs.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}
shared=${3:?}
v="$shared/validate"

if [ ! -d "$v" ]; then
  echo "SKIP: ../shared not found beside the project; validators not run"
  exit 77
fi
if [ ! -d "$v/node_modules" ]; then
  echo "SKIP: $v/node_modules missing; run $v/setup.sh (or scripts/deps.sh --test) first"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Every file -f all writes.
exts=(json dot svg png pdf graphml gexf csv nodes.csv)

# check_csv PREFIX: both tables parse (RFC 4180, CRLF) and match the JSON's nodes and links.
check_csv() {
  /usr/bin/python3 - "$1" <<'PY'
import csv, json, sys
p = sys.argv[1]
net = json.load(open(p + ".json", encoding="utf-8"))
def rows(path):
    raw = open(path, "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path}: BOM"
    body = raw.decode("utf-8")
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", ""), f"{path}: records end in CRLF"
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, strict=True))
edges, nodes = rows(p + ".csv"), rows(p + ".nodes.csv")
assert [n["id"] for n in nodes] == [n["id"] for n in net["nodes"]], "node ids differ from the JSON"
for r, n in zip(nodes, net["nodes"]):
    assert int(r["mentions"]) == n["mentions"] and int(r["degree"]) == n["degree"], r["id"]
assert [(e["source"], e["target"]) for e in edges] == [(l["source"], l["target"]) for l in net["links"]], \
    "edges differ from the JSON"
for r, l in zip(edges, net["links"]):
    assert int(r["weight"]) == l["weight"] and float(r["stance"]) == l["stance"], r["id"]
    assert json.loads(r["evidence"]) == l["evidence"], r["id"] + ": evidence"
print(f"OK csv {p}.csv: {len(nodes)} nodes, {len(edges)} edges, as in the JSON")
PY
}

# check_binary PREFIX: PNG and PDF signatures; pdfinfo when installed.
check_binary() {
  local p=$1
  if [ "$(head -c 8 "$p.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    fail "$p.png: not a PNG"
  fi
  if [ "$(head -c 5 "$p.pdf")" != "%PDF-" ]; then fail "$p.pdf: not a PDF"; fi
  if grep -aq '/CreationDate' "$p.pdf"; then fail "$p.pdf: has a creation date"; fi
  if command -v pdfinfo >/dev/null 2>&1; then
    pdfinfo "$p.pdf" >"$tmp/pdfinfo" 2>&1 && grep -q '^Pages: *1$' "$tmp/pdfinfo" || fail "pdfinfo $p.pdf: $(cat "$tmp/pdfinfo")"
  fi
}

# check NAME INPUT: build INPUT twice in every format, validate the first, compare the two.
check() {
  local name=$1 input=$2 prefix="$tmp/$1" ext
  if ! "$ag" build "$input" -f all -o "$prefix" -q; then
    fail "$ag build $input -f all exited non-zero"
    return
  fi
  for ext in "${exts[@]}"; do
    [ -s "$prefix.$ext" ] || { fail "$name.$ext was not written"; return; }
  done
  node "$v/check-json.mjs" --strict "$prefix.json" || fail "check-json $name.json"
  "$v/check-networkx.py" "$prefix.json" || fail "check-networkx $name.json"
  "$v/check-networkx.py" "$prefix.graphml" || fail "check-networkx $name.graphml"
  "$v/check-networkx.py" "$prefix.gexf" || fail "check-networkx $name.gexf"
  "$v/check-dot.sh" "$prefix.dot" || fail "check-dot $name.dot"
  "$v/check-dot.sh" "$prefix.dot" --engine=neato || fail "check-dot --engine=neato $name.dot"
  "$v/check-svg.sh" "$prefix.svg" "$tmp/$name.chromium.png" || fail "check-svg $name.svg"
  check_csv "$prefix" || fail "csv $name.csv / $name.nodes.csv"
  check_binary "$prefix"

  mkdir -p "$tmp/again"
  if ! "$ag" build "$input" -f all -o "$tmp/again/$name" -q; then
    fail "second run of $ag build $input exited non-zero"
    return
  fi
  for ext in "${exts[@]}"; do
    cmp "$prefix.$ext" "$tmp/again/$name.$ext" || fail "$name.$ext differs between two runs (output is not deterministic)"
  done
}

check example "$src/corpus/example"
if [ -d "$shared/seeds" ]; then
  check seeds "$shared/seeds"
else
  echo "note: $shared/seeds not found; seeds not validated"
fi

if [ "$failures" -gt 0 ]; then
  echo "validate_graphs: $failures failure(s)"
  exit 1
fi
echo "validate_graphs: all outputs load in every consumer and are deterministic"
