/* GEXF 1.2 (Gephi; networkx read_gexf), in the 1.2draft namespace
 * http://www.gexf.net/1.2draft: networkx 2.8 reads only the 1.1draft and
 * 1.2draft namespaces, not GEXF 1.3's.
 *
 * The graph is undirected like the JSON (`defaultedgetype="undirected"`, no
 * per-edge `type`); an edge's `weight` is its windows, the other figures are
 * attributes declared in `<attributes class="node|edge">`, with evidence as a
 * JSON array in a string. Graph figures go to `<meta>` (GEXF has no graph
 * attributes), without a `lastmodifieddate`, so the file is the same for the
 * same network; `dedup: corpus; folded: N` is there only for that mode, like
 * the JSON's graph.dedup and graph.folded, so files of the default stay as
 * they were. Nodes carry `viz:color` (the lexicon colour) and `viz:size`
 * (by mentions), edges `viz:color` (by stance) so Gephi opens it looking like
 * the diagram. */
#include "actorgraph/export.h"

#include <math.h>
#include <string.h>

#include "export/export_internal.h"

static const char *gexf_type(int type)
{
    switch (type) {
    case AG_I_COL_LONG: return "long";
    case AG_I_COL_DOUBLE: return "double";
    case AG_I_COL_BOOL: return "boolean";
    default: return "string";
    }
}

/* Columns written as XML attributes of <node>/<edge> rather than as <attvalue>. */
static int structural(const char *name)
{
    return strcmp(name, "id") == 0 || strcmp(name, "source") == 0 || strcmp(name, "target") == 0 ||
           strcmp(name, "label") == 0 || strcmp(name, "weight") == 0;
}

static void attributes(ag_i_str *b, const char *kind, const ag_i_column *cols, size_t n)
{
    ag_i_str_addf(b, "    <attributes class=\"%s\" mode=\"static\">\n", kind);
    for (size_t i = 0; i < n; i++)
        if (!structural(cols[i].name))
            ag_i_str_addf(b, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", cols[i].name, cols[i].name,
                          gexf_type(cols[i].type));
    ag_i_str_adds(b, "    </attributes>\n");
}

static void header(ag_i_str *b, const ag_i_view *v)
{
    const ag_graph_info *gi = v->graph;
    size_t nn, ne;
    const ag_i_column *nc = ag_i_node_columns(&nn), *ec = ag_i_edge_columns(&ne);
    ag_i_str_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\"\n"
                     "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                     "      xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\"\n"
                     "      version=\"1.2\">\n"
                     "  <meta>\n    <creator>");
    ag_i_str_text(b, gi->generator ? gi->generator : "actorgraph", AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "</creator>\n    <description>");
    ag_i_str_addf(b, "actor network: %llu documents, %llu sentences", (unsigned long long)gi->documents,
                  (unsigned long long)gi->sentences);
    if (gi->date_min && gi->date_max) {
        ag_i_str_adds(b, ", ");
        ag_i_str_text(b, gi->date_min, AG_I_TEXT_XML, 0);
        ag_i_str_adds(b, " to ");
        ag_i_str_text(b, gi->date_max, AG_I_TEXT_XML, 0);
    }
    if (gi->window) {
        ag_i_str_adds(b, "; window: ");
        ag_i_str_text(b, gi->window, AG_I_TEXT_XML, 0);
    }
    if (gi->lexicon) {
        ag_i_str_adds(b, "; lexicon: ");
        ag_i_str_text(b, gi->lexicon, AG_I_TEXT_XML, 0);
    }
    ag_i_str_addf(b, "; evidence cap: %u", gi->evidence_cap);
    if (gi->dedup && strcmp(gi->dedup, "document") != 0) {
        ag_i_str_adds(b, "; dedup: ");
        ag_i_str_text(b, gi->dedup, AG_I_TEXT_XML, 0);
        ag_i_str_addf(b, "; folded: %llu", (unsigned long long)gi->folded);
    }
    ag_i_str_addf(b, "; schema %d</description>\n  </meta>\n", AG_NETWORK_SCHEMA);
    ag_i_str_adds(b, "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n");
    attributes(b, "node", nc, nn);
    attributes(b, "edge", ec, ne);
}

static void attvalue(ag_i_str *b, const char *name, const ag_i_str *val)
{
    ag_i_str_addf(b, "          <attvalue for=\"%s\" value=\"", name);
    ag_i_str_text(b, val->oom ? NULL : val->s, AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "\"/>\n");
}

static void viz_color(ag_i_str *b, const char *indent, const char *color)
{
    unsigned rgb[3];
    if (ag_i_parse_rgb(color, rgb) == 0)
        ag_i_str_addf(b, "%s<viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n", indent, rgb[0], rgb[1], rgb[2]);
}

static void node(ag_i_str *b, const ag_i_view *v, size_t i, ag_i_str *val)
{
    size_t nn;
    const ag_i_column *nc = ag_i_node_columns(&nn);
    const ag_node_info *n = ag_network_node(v->net, i);
    ag_i_str_adds(b, "      <node id=\"");
    ag_i_str_text(b, n->id, AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "\" label=\"");
    ag_i_str_text(b, n->label && *n->label ? n->label : n->id, AG_I_TEXT_XML, 0);
    ag_i_str_adds(b, "\">\n        <attvalues>\n");
    for (size_t c = 0; c < nn; c++) {
        ag_i_str_clear(val);
        if (!structural(nc[c].name) && ag_i_node_value(v, i, nc[c].name, val))
            attvalue(b, nc[c].name, val);
    }
    b->oom |= val->oom;
    ag_i_str_adds(b, "        </attvalues>\n");
    viz_color(b, "        ", n->color);
    /* Gephi's default node size is 10: from 10 to 50 by the square root of mentions, like the diagram. */
    double t = v->max_mentions ? sqrt((double)n->mentions / (double)v->max_mentions) : 0.0;
    char size[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(10.0 + 40.0 * t, 1, size);
    ag_i_str_addf(b, "        <viz:size value=\"%s\"/>\n      </node>\n", size);
}

static void edge(ag_i_str *b, const ag_i_view *v, const ag_edge_info *e, ag_i_str *val)
{
    size_t ne;
    const ag_i_column *ec = ag_i_edge_columns(&ne);
    static const char *const ends[] = {"id", "source", "target"};
    ag_i_str_adds(b, "      <edge");
    for (size_t k = 0; k < 3; k++) {
        ag_i_str_clear(val);
        ag_i_edge_value(v, e, ends[k], val);
        ag_i_str_addf(b, " %s=\"", ends[k]);
        ag_i_str_text(b, val->oom ? NULL : val->s, AG_I_TEXT_XML, 0);
        ag_i_str_adds(b, "\"");
    }
    ag_i_str_addf(b, " weight=\"%llu\">\n        <attvalues>\n", (unsigned long long)e->total.weight);
    for (size_t c = 0; c < ne; c++) {
        ag_i_str_clear(val);
        if (!structural(ec[c].name) && ag_i_edge_value(v, e, ec[c].name, val))
            attvalue(b, ec[c].name, val);
    }
    b->oom |= val->oom;
    ag_i_str_adds(b, "        </attvalues>\n");
    viz_color(b, "        ", ag_i_stance_color(e->stance));
    ag_i_str_adds(b, "      </edge>\n");
}

ag_status ag_export_gexf(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
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
    ag_i_str_adds(&b, "    <nodes>\n");
    st = ag_i_str_flush(&b, sink, err);
    for (size_t i = 0; i < v.n_nodes && st == AG_OK; i++) {
        if (!v.node_on[i])
            continue;
        node(&b, &v, i, &val);
        st = ag_i_str_flush(&b, sink, err);
    }
    ag_i_str_adds(&b, "    </nodes>\n    <edges>\n");
    for (size_t i = 0; i < v.n_edges && st == AG_OK; i++) {
        if (!v.edge_on[i])
            continue;
        edge(&b, &v, ag_network_edge(net, i), &val);
        st = ag_i_str_flush(&b, sink, err);
    }
    if (st == AG_OK) {
        ag_i_str_adds(&b, "    </edges>\n  </graph>\n</gexf>\n");
        st = ag_i_str_flush(&b, sink, err);
    }
cleanup:
    ag_i_str_free(&b);
    ag_i_str_free(&val);
    ag_i_view_free(&v);
    return st;
}
