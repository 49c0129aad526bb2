#!/usr/bin/env bash
# The HTML report end to end in headless Chromium (Debian `chromium`):
#  1. `#edge=Pakistan--Russia` in the address selects that edge on load: the
#     evidence panel shows its sentences, actor names and cue words marked,
#     with document id and sentence number.
#  2. A real click: a copy of the report with a small test script appended
#     clicks the SVG edge India--US, then a table row, then a node, then a
#     column header, and writes what the page showed into the DOM.
#  3. The page fetches nothing: it has no http(s) URL besides the SVG namespaces.
#  4. A screenshot of the example report, with Pakistan--Russia selected, goes to
#     graphs/example-report.png when AG_UPDATE_SCREENSHOT=1 (else to the temp dir).
# Skips (77) when chromium is missing.
# Usage: html_report.sh ACTORGRAPH SOURCE_DIR [SHARED_DIR]
set -u
ag=$1
src=$2
browser=${CHROMIUM:-chromium}
if ! command -v "$browser" >/dev/null 2>&1; then
  echo "SKIP: $browser not found (apt-get install chromium)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

chrome() { # chrome OUTPUT_FLAG... URL: one headless run with a fresh profile
  rm -rf "$tmp/profile"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --virtual-time-budget=5000 "$@" 2>>"$tmp/chromium.log"
}

if ! "$ag" build "$src/corpus/example" -f html,json -o "$tmp/example" -q --title example; then
  echo "FAIL: actorgraph build -f html exited non-zero"
  exit 1
fi
page=$tmp/example.html

# 1. The fragment selects an edge on load.
chrome --dump-dom "file://$page#edge=Pakistan--Russia" >"$tmp/fragment.dom"
panel() { # the evidence section of a dumped DOM
  sed -n '/<section id="evidence"/,/<\/section>/p' "$1"
}
panel "$tmp/fragment.dom" >"$tmp/fragment.panel"
if grep -q 'data-ready="1"' "$tmp/fragment.dom"; then ok; else bad "the page script did not run"; fi
if grep -q '<h2>Pakistan – Russia</h2>' "$tmp/fragment.panel"; then ok; else bad "#edge= did not select Pakistan--Russia"; fi
if grep -q 'announced a <mark class="cue">joint</mark> <mark class="cue">commission</mark> that will' "$tmp/fragment.panel"; then
  ok
else
  bad "the evidence sentence with its cue words marked is not in the panel"
fi
if grep -q '<mark class="actor">Russia</mark> and <mark class="actor">Pakistan</mark> <mark class="cue">agreed</mark>' "$tmp/fragment.panel"; then
  ok
else
  bad "actor names are not marked"
fi
if grep -q '01-counter-terrorism-commission.txt</span>, sentence 2' "$tmp/fragment.panel"; then ok; else
  bad "document id and sentence number missing"
fi
if grep -q '<tr data-edge="Pakistan--Russia" tabindex="0" class="selected">' "$tmp/fragment.dom"; then ok; else
  bad "the table row of the selected edge is not marked"
fi

# 2. Real clicks, by a test script appended to a copy of the page.
cat >"$tmp/click.js" <<'JS'
(function () {
  function click(e) { e.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true})); }
  function title() { var h = document.querySelector("#evidence h2"); return h ? h.textContent : ""; }
  var out = [];
  var edge = Array.prototype.find.call(document.querySelectorAll("#diagram g.edge"),
    function (g) { return g.querySelector("title").textContent === "India--US"; });
  click(edge.querySelector("path"));
  out.push("svg-edge=" + title() + "|" + location.hash);
  out.push("evidence=" + document.querySelector("#evidence blockquote").textContent);
  click(document.querySelector("#edges tbody tr[data-edge='IS--Taliban'] td"));
  out.push("row=" + title() + "|" + location.hash);
  var node = Array.prototype.find.call(document.querySelectorAll("#diagram g.node"),
    function (g) { return g.querySelector("title").textContent === "Taliban"; });
  click(node.querySelector("text"));
  out.push("node=" + title() + "|" + document.querySelectorAll("#evidence h3").length);
  click(document.querySelector("#edges th:nth-child(3) button"));
  out.push("sorted=" + document.querySelector("#edges tbody tr").dataset.edge + "|" +
    document.querySelector("#edges th:nth-child(3)").getAttribute("aria-sort"));
  var pre = document.createElement("pre");
  pre.id = "test-result";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
})();
JS
# The page with the test script inserted before its last </body>.
python3 -c 'import sys
page = open(sys.argv[1], encoding="utf-8").read()
js = open(sys.argv[2], encoding="utf-8").read()
i = page.rindex("</body>")
sys.stdout.write(page[:i] + "<script>\n" + js + "</script>\n" + page[i:])' "$page" "$tmp/click.js" >"$tmp/click.html"
chrome --dump-dom "file://$tmp/click.html" >"$tmp/click.dom"
sed -n '/<pre id="test-result">/,/<\/pre>/p' "$tmp/click.dom" >"$tmp/click.result"
expect() {
  if grep -qF -- "$1" "$tmp/click.result"; then ok; else bad "click: expected '$1'"; fi
}
expect 'svg-edge=India – United States|#edge=India--US'
expect 'evidence=But each round of Friendship sends a message to Washington and New Delhi that Islamabad has other options, he added.'
expect 'row=Islamic State – Taliban|#edge=IS--Taliban'
expect 'node=Taliban|'
expect 'sorted='
if grep -q 'node=Taliban|[1-9]' "$tmp/click.result"; then ok; else bad "a node click lists none of its edges"; fi
# Weight ascending after one click on the sorted-descending weight column: the lightest edge first.
lightest=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(d["links"], key=lambda l: (l["weight"], l["id"]))[0]["id"])' \
  "$tmp/example.json" 2>/dev/null || echo "?")
expect "sorted=$lightest|ascending"

# 3. Self-contained.
if grep -oE '(src|href)="https?:' "$page" >/dev/null; then bad "the page loads something from the network"; else ok; fi
if grep -oE 'https?://[^"]*' "$page" | grep -vqE '^http://www\.w3\.org/(2000/svg|1999/xlink)$'; then
  bad "an address besides the SVG namespaces: $(grep -oE 'https?://[^"]*' "$page" | grep -vE 'w3\.org' | head -1)"
else
  ok
fi

# 4. Screenshot.
shot=$tmp/example-report.png
[ "${AG_UPDATE_SCREENSHOT:-0}" = 1 ] && shot=$src/graphs/example-report.png
chrome --hide-scrollbars --window-size=1400,1000 --screenshot="$shot" "file://$src/graphs/example.html#edge=Pakistan--Russia" >/dev/null
if [ -s "$shot" ] && head -c 8 "$shot" | od -An -c | grep -q 'P   N   G'; then ok; else bad "no screenshot $shot"; fi

if [ "$failed" -ne 0 ]; then
  echo "--- chromium log (tail)"
  tail -n 5 "$tmp/chromium.log"
  echo "--- clicked result"
  cat "$tmp/click.result"
fi
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
