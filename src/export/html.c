/* HTML report: one self-contained page (no network access) with the SVG
 * diagram, a sortable table of the edges and an evidence panel.
 *
 * The page holds three things, all inline: a style sheet, the diagram as
 * ag_export_svg() renders it (without its XML prolog), the network JSON as
 * ag_export_json() writes it in a `<script type="application/json">` block
 * (every `<` written as `\u003c`, so no `</script>` or `<!--` can end the
 * block), and a small script written for this page. The script fills the
 * table, makes the columns sortable, and shows the evidence of an edge (a
 * table row or an SVG edge clicked) or of a node, with the actors' labels and
 * ids and the cue words highlighted. The address fragment `#edge=A--B` or
 * `#node=A` selects on load, so a selection can be linked to. Deterministic:
 * the same network gives the same bytes (for a given Graphviz and font set,
 * as the SVG). Not thread-safe (Graphviz is not). */
#include "actorgraph/export.h"

#include <string.h>

#include "export/export_internal.h"

static const char *const style[] = {
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;color:#1d1d1d}\n",
    "body{background:#fafafa}\n",
    "header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}\n",
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:0 0 8px}\n",
    ".caption{color:#555;margin:0}\n",
    "main{display:grid;grid-template-columns:minmax(320px,1.1fr) minmax(320px,1fr);gap:16px;padding:16px 20px}\n",
    "@media (max-width:900px){main{grid-template-columns:1fr}}\n",
    "section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px;min-width:0}\n",
    "#diagram svg{max-width:100%;height:auto}\n",
    "#diagram g.edge,#diagram g.node{cursor:pointer}\n",
    "#diagram g.edge:hover path,#diagram g.selected path{stroke-width:5}\n",
    "#diagram g.node.selected ellipse,#diagram g.node.selected polygon{stroke:#000;stroke-width:3}\n",
    ".hint{color:#666;font-size:13px}\n",
    "table{border-collapse:collapse;width:100%;font-size:13px}\n",
    "th,td{padding:4px 6px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}\n",
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n",
    "th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}\n",
    "th[aria-sort=ascending] button::after{content:' \\25B2'}th[aria-sort=descending] button::after{content:' \\25BC'}\n",
    "tbody tr{cursor:pointer}tbody tr:hover{background:#f1f5fb}tbody tr.selected{background:#dde9f8}\n",
    ".swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:middle}\n",
    "#evidence ol{padding-left:22px}#evidence li{margin:0 0 10px}\n",
    "#evidence blockquote{margin:0 0 2px}.meta{color:#555;font-size:12px}\n",
    "mark.actor{background:#ffe08a;padding:0 1px}mark.cue{background:#bfe3ff;padding:0 1px;font-weight:600}\n",
    ".stance-1{color:#0a6fa8}.stance--1{color:#a72424}.stance-0{color:#666}\n",
    "#evidence a{color:#0a5db3;cursor:pointer}\n",
};

/* The page's script: plain ES2018, no library. */
static const char *const script[] = {
    "(function () {\n",
    "'use strict';\n",
    "var data = JSON.parse(document.getElementById('ag-data').textContent);\n",
    "var nodes = {}, links = {}, order = [];\n",
    "data.nodes.forEach(function (n) { nodes[n.id] = n; });\n",
    "data.links.forEach(function (l) { links[l.id] = l; order.push(l); });\n",
    "var columns = [\n",
    "  {key: 'source', label: 'Source', text: true}, {key: 'target', label: 'Target', text: true},\n",
    "  {key: 'weight', label: 'Weight'}, {key: 'stance', label: 'Stance'},\n",
    "  {key: 'cooperation', label: 'Cooperation'}, {key: 'conflict', label: 'Conflict'},\n",
    "  {key: 'neutral', label: 'Neutral'}, {key: 'documents', label: 'Documents'}];\n",
    "var sortKey = 'weight', sortDir = -1;\n",
    "function el(tag, cls, text) {\n",
    "  var e = document.createElement(tag);\n",
    "  if (cls) e.className = cls;\n",
    "  if (text !== undefined) e.textContent = String(text);\n",
    "  return e;\n",
    "}\n",
    "function label(id) { return nodes[id] ? nodes[id].label : id; }\n",
    "function stanceText(s) { return (s > 0 ? '+' : '') + s.toFixed(2); }\n",
    "function stanceWord(s) { return s > 0 ? 'cooperation' : s < 0 ? 'conflict' : 'neutral'; }\n",
    "function cellValue(l, key) { return key === 'source' || key === 'target' ? label(l[key]) : l[key]; }\n",
    "function compare(a, b) {\n",
    "  var x = cellValue(a, sortKey), y = cellValue(b, sortKey), c;\n",
    "  if (typeof x === 'string') c = x < y ? -1 : x > y ? 1 : 0; else c = x - y;\n",
    "  if (c === 0) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;\n",
    "  return c * sortDir;\n",
    "}\n",
    "var tbody = document.querySelector('#edges tbody');\n",
    "var headRow = document.querySelector('#edges thead tr');\n",
    "columns.forEach(function (col) {\n",
    "  var th = el('th', col.text ? '' : 'num');\n",
    "  th.setAttribute('scope', 'col');\n",
    "  var b = el('button', '', col.label);\n",
    "  b.type = 'button';\n",
    "  b.addEventListener('click', function () {\n",
    "    if (sortKey === col.key) sortDir = -sortDir;\n",
    "    else { sortKey = col.key; sortDir = col.text ? 1 : -1; }\n",
    "    fillTable();\n",
    "  });\n",
    "  th.appendChild(b);\n",
    "  th.dataset.key = col.key;\n",
    "  headRow.appendChild(th);\n",
    "});\n",
    "var selected = null;\n",
    "function fillTable() {\n",
    "  Array.prototype.forEach.call(headRow.children, function (th) {\n",
    "    if (th.dataset.key === sortKey) th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');\n",
    "    else th.removeAttribute('aria-sort');\n",
    "  });\n",
    "  order.sort(compare);\n",
    "  while (tbody.firstChild) tbody.removeChild(tbody.firstChild);\n",
    "  order.forEach(function (l) {\n",
    "    var tr = el('tr');\n",
    "    tr.dataset.edge = l.id;\n",
    "    tr.tabIndex = 0;\n",
    "    columns.forEach(function (col) {\n",
    "      var v = col.key === 'stance' ? stanceText(l.stance) : cellValue(l, col.key);\n",
    "      var td = el('td', col.text ? '' : 'num', v);\n",
    "      if (col.key === 'stance') td.classList.add('stance-' + Math.sign(l.stance));\n",
    "      tr.appendChild(td);\n",
    "    });\n",
    "    if (selected && selected.kind === 'edge' && selected.id === l.id) tr.classList.add('selected');\n",
    "    tr.addEventListener('click', function () { select('edge', l.id); });\n",
    "    tr.addEventListener('keydown', function (ev) {\n",
    "      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select('edge', l.id); }\n",
    "    });\n",
    "    tbody.appendChild(tr);\n",
    "  });\n",
    "}\n",
    "function escapeRe(s) { return s.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&'); }\n",
    "/* Appends text to parent with the terms (lower case -> class) marked. */\n",
    "function highlight(parent, text, terms) {\n",
    "  var keys = Object.keys(terms).filter(function (t) { return t.length > 0; });\n",
    "  keys.sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); });\n",
    "  if (!keys.length) { parent.appendChild(document.createTextNode(text)); return; }\n",
    "  var re;\n",
    "  try {\n",
    "    re = new RegExp('(?<![\\\\p{L}\\\\p{N}])(?:' + keys.map(escapeRe).join('|') + ')(?![\\\\p{L}\\\\p{N}])', 'giu');\n",
    "  } catch (e) { /* no look-behind (old browsers): ASCII word boundaries */\n",
    "    re = new RegExp('\\\\b(?:' + keys.map(escapeRe).join('|') + ')\\\\b', 'gi');\n",
    "  }\n",
    "  var last = 0, m;\n",
    "  while ((m = re.exec(text)) !== null) {\n",
    "    if (m[0].length === 0) { re.lastIndex++; continue; }\n",
    "    parent.appendChild(document.createTextNode(text.slice(last, m.index)));\n",
    "    parent.appendChild(el('mark', terms[m[0].toLowerCase()] || 'cue', m[0]));\n",
    "    last = m.index + m[0].length;\n",
    "  }\n",
    "  parent.appendChild(document.createTextNode(text.slice(last)));\n",
    "}\n",
    "function actorTerms(ids) {\n",
    "  var t = {};\n",
    "  ids.forEach(function (id) { t[id.toLowerCase()] = 'actor'; t[label(id).toLowerCase()] = 'actor'; });\n",
    "  return t;\n",
    "}\n",
    "function evidenceList(l) {\n",
    "  var ol = el('ol');\n",
    "  l.evidence.forEach(function (ev) {\n",
    "    var li = el('li');\n",
    "    var terms = actorTerms([l.source, l.target]);\n",
    "    ev.cues.forEach(function (c) { if (!terms[c.toLowerCase()]) terms[c.toLowerCase()] = 'cue'; });\n",
    "    var q = el('blockquote');\n",
    "    highlight(q, ev.text, terms);\n",
    "    li.appendChild(q);\n",
    "    var meta = el('div', 'meta');\n",
    "    meta.appendChild(el('span', 'doc', ev.doc));\n",
    "    meta.appendChild(document.createTextNode(', sentence ' + ev.sentence + ' \\u00b7 '));\n",
    "    meta.appendChild(el('span', 'stance-' + ev.stance, stanceWord(ev.stance)));\n",
    "    if (ev.cues.length) meta.appendChild(document.createTextNode(' \\u00b7 cues: ' + ev.cues.join(', ')));\n",
    "    li.appendChild(meta);\n",
    "    ol.appendChild(li);\n",
    "  });\n",
    "  if (!l.evidence.length) ol = el('p', 'hint', 'No evidence sentences were kept for this edge.');\n",
    "  return ol;\n",
    "}\n",
    "function edgeSummary(l) {\n",
    "  return l.weight + (l.weight === 1 ? ' window' : ' windows') + ' in ' + l.documents +\n",
    "    (l.documents === 1 ? ' document' : ' documents') + ': ' + l.cooperation + ' cooperation, ' +\n",
    "    l.conflict + ' conflict, ' + l.neutral + ' neutral; stance ' + stanceText(l.stance);\n",
    "}\n",
    "function edgeLink(l) {\n",
    "  var a = el('a', '', label(l.source) + ' \\u2013 ' + label(l.target));\n",
    "  a.href = '#edge=' + encodeURIComponent(l.id);\n",
    "  return a;\n",
    "}\n",
    "var panel = document.getElementById('evidence');\n",
    "function show(kind, id) {\n",
    "  while (panel.firstChild) panel.removeChild(panel.firstChild);\n",
    "  if (kind === 'edge' && links[id]) {\n",
    "    var l = links[id];\n",
    "    panel.appendChild(el('h2', '', label(l.source) + ' \\u2013 ' + label(l.target)));\n",
    "    panel.appendChild(el('p', 'meta', edgeSummary(l)));\n",
    "    panel.appendChild(evidenceList(l));\n",
    "    return true;\n",
    "  }\n",
    "  if (kind === 'node' && nodes[id]) {\n",
    "    var n = nodes[id];\n",
    "    panel.appendChild(el('h2', '', n.label));\n",
    "    panel.appendChild(el('p', 'meta', n.mentions + ' mentions in ' + n.documents + ' documents; ' +\n",
    "      n.degree + ' edges'));\n",
    "    var mine = order.filter(function (l) { return l.source === id || l.target === id; });\n",
    "    mine.sort(function (a, b) { return b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });\n",
    "    mine.forEach(function (l) {\n",
    "      var h = el('h3');\n",
    "      h.appendChild(edgeLink(l));\n",
    "      panel.appendChild(h);\n",
    "      panel.appendChild(el('p', 'meta', edgeSummary(l)));\n",
    "      panel.appendChild(evidenceList(l));\n",
    "    });\n",
    "    return true;\n",
    "  }\n",
    "  panel.appendChild(el('p', 'hint', 'Click an edge or a node in the diagram, or a row of the table, to see its evidence.'));\n",
    "  return false;\n",
    "}\n",
    "var svgItems = [];\n",
    "document.querySelectorAll('#diagram g.edge, #diagram g.node').forEach(function (g) {\n",
    "  var t = g.querySelector('title');\n",
    "  var key = t ? t.textContent : '';\n",
    "  var kind = g.classList.contains('edge') ? 'edge' : 'node';\n",
    "  if (kind === 'edge' ? !links[key] : !nodes[key]) return;\n",
    "  svgItems.push({g: g, kind: kind, id: key});\n",
    "  g.addEventListener('click', function (ev) { ev.preventDefault(); select(kind, key); });\n",
    "});\n",
    "function mark(kind, id) {\n",
    "  svgItems.forEach(function (it) { it.g.classList.toggle('selected', it.kind === kind && it.id === id); });\n",
    "  tbody.querySelectorAll('tr').forEach(function (tr) {\n",
    "    tr.classList.toggle('selected', kind === 'edge' && tr.dataset.edge === id);\n",
    "  });\n",
    "}\n",
    "function select(kind, id) {\n",
    "  var hash = '#' + kind + '=' + encodeURIComponent(id);\n",
    "  if (location.hash !== hash) history.replaceState(null, '', hash);\n",
    "  apply(kind, id);\n",
    "}\n",
    "function apply(kind, id) {\n",
    "  selected = show(kind, id) ? {kind: kind, id: id} : null;\n",
    "  mark(selected ? kind : '', selected ? id : '');\n",
    "}\n",
    "function fromHash() {\n",
    "  var m = /^#(edge|node)=(.*)$/.exec(location.hash);\n",
    "  var id = null;\n",
    "  if (m) { try { id = decodeURIComponent(m[2]); } catch (e) { id = null; } }\n",
    "  if (m && id !== null) apply(m[1], id); else apply('', '');\n",
    "}\n",
    "fillTable();\n",
    "window.addEventListener('hashchange', fromHash);\n",
    "fromHash();\n",
    "document.documentElement.setAttribute('data-ready', '1');\n",
    "})();\n",
};

static void add_lines(ag_i_str *b, const char *const *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ag_i_str_adds(b, lines[i]);
}

/* The caption: documents, sentences, window, lexicon, date range. */
static void add_caption(ag_i_str *b, const ag_graph_info *g, size_t nodes, size_t edges)
{
    ag_i_str_addf(b, "%llu document%s, %llu sentences, %zu actors, %zu edges",
                  (unsigned long long)g->documents, g->documents == 1 ? "" : "s",
                  (unsigned long long)g->sentences, nodes, edges);
    if (g->window) {
        ag_i_str_adds(b, "; window: ");
        ag_i_str_text(b, g->window, AG_I_TEXT_HTML, 0);
    }
    if (g->lexicon) {
        ag_i_str_adds(b, "; lexicon: ");
        ag_i_str_text(b, g->lexicon, AG_I_TEXT_HTML, 0);
    }
    if (g->date_min && g->date_max) {
        ag_i_str_adds(b, "; ");
        ag_i_str_text(b, g->date_min, AG_I_TEXT_HTML, 0);
        ag_i_str_adds(b, " to ");
        ag_i_str_text(b, g->date_max, AG_I_TEXT_HTML, 0);
    }
}

/* Renders @write into a memory sink; the caller frees the sink with ag_sink_abort(). */
static ag_status render_to_buffer(ag_export_fn write, const ag_network *net, const ag_export_options *opt,
                                  ag_sink **out, ag_error *err)
{
    ag_status st = ag_sink_open_buffer(out);
    if (st != AG_OK)
        return ag_error_set(err, st, "out of memory");
    return write(net, opt, *out, err);
}

/* Appends JSON @json with every `<` as `\u003c`: `<` only occurs inside JSON
 * strings, where the escape means the same, and the block can then hold no
 * `</script` or `<!--`. */
static void add_json_for_script(ag_i_str *b, const char *json)
{
    const char *p = json;
    for (const char *lt = strchr(p, '<'); lt; lt = strchr(p, '<')) {
        ag_i_str_add(b, p, (size_t)(lt - p));
        ag_i_str_adds(b, "\\u003c");
        p = lt + 1;
    }
    ag_i_str_adds(b, p);
}

ag_status ag_export_html(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    ag_status st;
    ag_i_view v;
    ag_sink *svg = NULL, *json = NULL;
    ag_i_str b = {0};
    if (!net || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    st = ag_i_view_init(&v, net, err);
    if (st == AG_OK)
        st = render_to_buffer(ag_export_svg, net, opt, &svg, err);
    ag_export_options jopt; /* the page's script reads node-link JSON, whatever the JSON file's style */
    ag_export_options_init(&jopt);
    if (st == AG_OK)
        st = render_to_buffer(ag_export_json, net, &jopt, &json, err);
    if (st != AG_OK)
        goto cleanup;
    const char *title = opt && opt->title && opt->title[0] ? opt->title : NULL;
    ag_i_str_adds(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    ag_i_str_adds(&b, "<meta name=\"generator\" content=\"");
    ag_i_str_text(&b, v.graph->generator ? v.graph->generator : "actorgraph", AG_I_TEXT_HTML, 0);
    ag_i_str_adds(&b, "\">\n<title>");
    ag_i_str_text(&b, title ? title : "actorgraph network", AG_I_TEXT_HTML, 0);
    ag_i_str_adds(&b, "</title>\n<style>\n");
    add_lines(&b, style, sizeof style / sizeof style[0]);
    ag_i_str_adds(&b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    ag_i_str_text(&b, title ? title : "actorgraph network", AG_I_TEXT_HTML, 0);
    ag_i_str_adds(&b, "</h1>\n<p class=\"caption\">");
    add_caption(&b, v.graph, v.shown_nodes, v.shown_edges);
    ag_i_str_adds(&b, "</p>\n</header>\n<main>\n<section id=\"diagram\" aria-label=\"Diagram\">\n");
    st = ag_i_str_flush(&b, sink, err);
    if (st != AG_OK)
        goto cleanup;
    /* The SVG without its XML declaration, DOCTYPE and comments before the root. */
    const char *svg_text = ag_sink_data(svg, NULL);
    const char *root = svg_text ? strstr(svg_text, "<svg") : NULL;
    if (!root) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: the SVG has no <svg> element");
        goto cleanup;
    }
    st = ag_sink_puts(sink, root, err);
    if (st != AG_OK)
        goto cleanup;
    ag_i_str_adds(&b, "<p class=\"hint\">Click an edge or a node to see its evidence; "
                      "hover for the figures.</p>\n</section>\n"
                      "<section id=\"evidence\" aria-live=\"polite\"></section>\n"
                      "<section id=\"table\" style=\"grid-column:1/-1\">\n<h2>Edges</h2>\n"
                      "<table id=\"edges\">\n<thead><tr></tr></thead>\n<tbody></tbody>\n</table>\n"
                      "<noscript><p class=\"hint\">The table and the evidence panel need JavaScript; "
                      "the data is in the JSON block of this page.</p></noscript>\n"
                      "</section>\n</main>\n<script type=\"application/json\" id=\"ag-data\">\n");
    const char *json_text = ag_sink_data(json, NULL);
    add_json_for_script(&b, json_text ? json_text : "{}");
    ag_i_str_adds(&b, "</script>\n<script>\n");
    add_lines(&b, script, sizeof script / sizeof script[0]);
    ag_i_str_adds(&b, "</script>\n</body>\n</html>\n");
    st = ag_i_str_flush(&b, sink, err);
cleanup:
    ag_i_str_free(&b);
    ag_sink_abort(&svg);
    ag_sink_abort(&json);
    ag_i_view_free(&v);
    return st;
}
