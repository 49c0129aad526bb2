/* GraphML (yEd, Gephi, networkx read_graphml, igraph read_graph(format="graphml")).
 *
 * Every figure is declared by a `<key>` before `<graph>` (a `<data>` with no key
 * makes networkx fail). The graph is undirected, one edge per pair, like the
 * JSON; direction lives in a boolean `directed` key and the forward_* /
 * backward_* counts, never in per-edge `directed="…"` (networkx refuses a mix).
 * GraphML has no list type: `evidence` is a JSON array in a string. A node
 * without a group or colour has no `<data>` for it. `dedup` and `folded` are
 * declared and written only for `corpus`, like the JSON's graph.dedup and
 * graph.folded, so files of the default mode stay as they were. */
#include "actorgraph/export.h"

#include <string.h>

#include "export/export_internal.h"

static const char *graphml_type(int type)
{
    switch (type) {
    case AG_I_COL_LONG: return "long";
    case AG_I_COL_DOUBLE: return "double";
    case AG_I_COL_BOOL: return "boolean";
    default: return "string";
    }
}

/* Columns written as XML attributes of <node>/<edge> rather than as <data>. */
static int structural(const char *name)
{
    return strcmp(name, "id") == 0 || strcmp(name, "source") == 0 || strcmp(name, "target") == 0;
}

static void key(ag_i_str *b, const char *prefix, const char *kind, const char *name, const char *type,
                const char *desc)
{
    ag_i_str_addf(b, "  <key id=\"%s%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\">", prefix, name, kind, name,
                  type);
    ag_i_str_adds(b, "<desc>");
    ag_i_str_text(b, desc, AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "</desc></key>\n");
}

/* <data key="PREFIXNAME">value</data>, value escaped; nothing when @value is NULL. */
static void data(ag_i_str *b, const char *indent, const char *prefix, const char *name, const char *value)
{
    if (!value)
        return;
    ag_i_str_addf(b, "%s<data key=\"%s%s\">", indent, prefix, name);
    ag_i_str_text(b, value, AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "</data>\n");
}

static void data_u64(ag_i_str *b, const char *name, uint64_t v)
{
    ag_i_str_addf(b, "    <data key=\"g_%s\">%llu</data>\n", name, (unsigned long long)v);
}

static void header(ag_i_str *b, const ag_i_view *v)
{
    static const struct {
        const char *name, *type, *desc;
        int corpus_only; /* declared and written only with dedup `corpus`, as in the JSON */
    } graph_keys[] = {
        {"generator", "string", "program and version that wrote the file", 0},
        {"schema", "int", "version of the actorgraph network schema", 0},
        {"window", "string", "co-occurrence window: sentence, paragraph, document or N-sentences", 0},
        {"lexicon", "string", "name of the lexicon", 0},
        {"documents", "long", "documents read", 0},
        {"sentences", "long", "sentences counted (repeats and boilerplate excluded)", 0},
        {"evidence_cap", "int", "evidence sentences kept per edge at most", 0},
        {"dedup", "string", "corpus: copies of a sentence seen earlier in the input were left out", 1},
        {"folded", "long", "copies of earlier sentences left out (not in sentences)", 1},
        {"date_min", "string", "earliest document date", 0},
        {"date_max", "string", "latest document date", 0},
    };
    const ag_graph_info *gi = v->graph;
    int corpus = gi->dedup && strcmp(gi->dedup, "document") != 0;
    size_t nn, ne;
    const ag_i_column *nc = ag_i_node_columns(&nn), *ec = ag_i_edge_columns(&ne);
    ag_i_str_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                     "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                     "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                     "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (size_t i = 0; i < sizeof graph_keys / sizeof graph_keys[0]; i++)
        if (corpus || !graph_keys[i].corpus_only)
            key(b, "g_", "graph", graph_keys[i].name, graph_keys[i].type, graph_keys[i].desc);
    for (size_t i = 0; i < nn; i++)
        if (!structural(nc[i].name))
            key(b, "n_", "node", nc[i].name, graphml_type(nc[i].type), nc[i].desc);
    for (size_t i = 0; i < ne; i++)
        if (!structural(ec[i].name))
            key(b, "e_", "edge", ec[i].name, graphml_type(ec[i].type), ec[i].desc);
    ag_i_str_adds(b, "  <graph id=\"actorgraph\" edgedefault=\"undirected\">\n");
    data(b, "    ", "g_", "generator", gi->generator ? gi->generator : "actorgraph");
    ag_i_str_addf(b, "    <data key=\"g_schema\">%d</data>\n", AG_NETWORK_SCHEMA);
    data(b, "    ", "g_", "window", gi->window);
    data(b, "    ", "g_", "lexicon", gi->lexicon);
    data_u64(b, "documents", gi->documents);
    data_u64(b, "sentences", gi->sentences);
    data_u64(b, "evidence_cap", gi->evidence_cap);
    if (corpus) {
        data(b, "    ", "g_", "dedup", gi->dedup);
        data_u64(b, "folded", gi->folded);
    }
    data(b, "    ", "g_", "date_min", gi->date_min);
    data(b, "    ", "g_", "date_max", gi->date_max);
}

static void node(ag_i_str *b, const ag_i_view *v, size_t i, ag_i_str *val)
{
    size_t nn;
    const ag_i_column *nc = ag_i_node_columns(&nn);
    ag_i_str_adds(b, "    <node id=\"");
    ag_i_str_text(b, ag_network_node(v->net, i)->id, AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "\">\n");
    for (size_t c = 0; c < nn; c++) {
        ag_i_str_clear(val);
        if (!structural(nc[c].name) && ag_i_node_value(v, i, nc[c].name, val))
            data(b, "      ", "n_", nc[c].name, val->oom ? NULL : val->s);
    }
    b->oom |= val->oom;
    ag_i_str_adds(b, "    </node>\n");
}

static void edge(ag_i_str *b, const ag_i_view *v, const ag_edge_info *e, ag_i_str *val)
{
    size_t ne;
    const ag_i_column *ec = ag_i_edge_columns(&ne);
    static const char *const ends[] = {"id", "source", "target"};
    ag_i_str_adds(b, "    <edge");
    for (size_t k = 0; k < 3; k++) {
        ag_i_str_clear(val);
        ag_i_edge_value(v, e, ends[k], val);
        ag_i_str_addf(b, " %s=\"", ends[k]);
        ag_i_str_text(b, val->oom ? NULL : val->s, AG_I_TEXT_XML, 0);
        ag_i_str_adds(b, "\"");
    }
    ag_i_str_adds(b, ">\n");
    for (size_t c = 0; c < ne; c++) {
        ag_i_str_clear(val);
        if (!structural(ec[c].name) && ag_i_edge_value(v, e, ec[c].name, val))
            data(b, "      ", "e_", ec[c].name, val->oom ? NULL : val->s);
    }
    b->oom |= val->oom;
    ag_i_str_adds(b, "    </edge>\n");
}

ag_status ag_export_graphml(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    (void)opt; /* a data file: title, layout and arrows are for diagrams */
    ag_status st = AG_OK;
    ag_i_view v;
    ag_i_str b = {0}, val = {0};
    if (!net || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    st = ag_i_view_init(&v, net, err);
    if (st != AG_OK)
        goto cleanup;
    header(&b, &v);
    st = ag_i_str_flush(&b, sink, err);
    for (size_t i = 0; i < v.n_nodes && st == AG_OK; i++) {
        if (!v.node_on[i])
            continue;
        node(&b, &v, i, &val);
        st = ag_i_str_flush(&b, sink, err);
    }
    for (size_t i = 0; i < v.n_edges && st == AG_OK; i++) {
        if (!v.edge_on[i])
            continue;
        edge(&b, &v, ag_network_edge(net, i), &val);
        st = ag_i_str_flush(&b, sink, err);
    }
    if (st == AG_OK) {
        ag_i_str_adds(&b, "  </graph>\n</graphml>\n");
        st = ag_i_str_flush(&b, sink, err);
    }
cleanup:
    ag_i_str_free(&b);
    ag_i_str_free(&val);
    ag_i_view_free(&v);
    return st;
}
