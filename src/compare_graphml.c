/* The diff as GraphML (yEd, Gephi, networkx, igraph): nodes with both sides'
 * mentions, edges with the status, the change and both sides' figures as
 * flat keys (a_weight, b_weight, ...), every key declared. */
#include <math.h>
#include <stdio.h>

#include "compare_internal.h"
#include "export/export_internal.h"

static const struct {
    const char *id, *type;
} edge_keys[] = {{"status", "string"},       {"delta_per_1k", "double"},   {"a_present", "boolean"},
                 {"a_weight", "long"},        {"a_cooperation", "long"},    {"a_conflict", "long"},
                 {"a_neutral", "long"},       {"a_stance", "double"},       {"a_per_1k_sentences", "double"},
                 {"a_per_article", "double"}, {"b_present", "boolean"},     {"b_weight", "long"},
                 {"b_cooperation", "long"},   {"b_conflict", "long"},       {"b_neutral", "long"},
                 {"b_stance", "double"},      {"b_per_1k_sentences", "double"}, {"b_per_article", "double"}};

static void add_real(ag_i_str *b, const char *key, double v)
{
    char buf[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(isfinite(v) ? v : 0.0, 4, buf);
    ag_i_str_addf(b, "      <data key=\"%s\">%s</data>\n", key, buf);
}

static void add_side(ag_i_str *b, char side, const ag_diff_side *s)
{
    ag_i_str_addf(b, "      <data key=\"%c_present\">%s</data>\n", side, s->present ? "true" : "false");
    ag_i_str_addf(b, "      <data key=\"%c_weight\">%llu</data>\n", side, (unsigned long long)s->total.weight);
    ag_i_str_addf(b, "      <data key=\"%c_cooperation\">%llu</data>\n", side,
                  (unsigned long long)s->total.cooperation);
    ag_i_str_addf(b, "      <data key=\"%c_conflict\">%llu</data>\n", side, (unsigned long long)s->total.conflict);
    ag_i_str_addf(b, "      <data key=\"%c_neutral\">%llu</data>\n", side, (unsigned long long)s->total.neutral);
    char key[32];
    snprintf(key, sizeof key, "%c_stance", side);
    add_real(b, key, s->stance);
    snprintf(key, sizeof key, "%c_per_1k_sentences", side);
    add_real(b, key, s->per_1k_sentences);
    snprintf(key, sizeof key, "%c_per_article", side);
    add_real(b, key, s->per_article);
}

ag_status ag_diff_export_graphml(const ag_diff *d, ag_sink *sink, ag_error *err)
{
    if (!d || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no diff or no sink");
    ag_i_str b = {0};
    ag_status st = AG_OK;
    ag_i_str_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                      "  <key id=\"mentions_a\" for=\"node\" attr.name=\"mentions_a\" attr.type=\"long\"/>\n"
                      "  <key id=\"mentions_b\" for=\"node\" attr.name=\"mentions_b\" attr.type=\"long\"/>\n");
    for (size_t k = 0; k < sizeof edge_keys / sizeof edge_keys[0]; k++)
        ag_i_str_addf(&b, "  <key id=\"%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", edge_keys[k].id,
                      edge_keys[k].id, edge_keys[k].type);
    ag_i_str_adds(&b, "  <graph id=\"diff\" edgedefault=\"undirected\">\n");
    for (size_t i = 0; i < d->n_nodes && st == AG_OK; i++) {
        const ag_diff_node *n = &d->nodes[i];
        if (n->mentions_a == 0 && n->mentions_b == 0)
            continue;
        ag_i_str_adds(&b, "    <node id=\"");
        ag_i_str_text(&b, n->id, AG_I_TEXT_XML, 0);
        ag_i_str_adds(&b, "\">\n      <data key=\"label\">");
        ag_i_str_text(&b, n->label, AG_I_TEXT_XML, 0);
        ag_i_str_addf(&b, "</data>\n      <data key=\"mentions_a\">%llu</data>\n      <data key=\"mentions_b\">%llu</data>\n"
                          "    </node>\n",
                      (unsigned long long)n->mentions_a, (unsigned long long)n->mentions_b);
        st = ag_i_str_flush(&b, sink, err);
    }
    for (size_t i = 0; i < d->n_edges && st == AG_OK; i++) {
        const ag_diff_edge *e = &d->edges[i];
        ag_i_str_addf(&b, "    <edge id=\"e%zu\" source=\"", i);
        ag_i_str_text(&b, d->nodes[e->source].id, AG_I_TEXT_XML, 0);
        ag_i_str_adds(&b, "\" target=\"");
        ag_i_str_text(&b, d->nodes[e->target].id, AG_I_TEXT_XML, 0);
        ag_i_str_addf(&b, "\">\n      <data key=\"status\">%s</data>\n", ag_diff_status_name(e->status));
        add_real(&b, "delta_per_1k", e->delta);
        add_side(&b, 'a', &e->a);
        add_side(&b, 'b', &e->b);
        ag_i_str_adds(&b, "    </edge>\n");
        st = ag_i_str_flush(&b, sink, err);
    }
    if (st == AG_OK) {
        ag_i_str_adds(&b, "  </graph>\n</graphml>\n");
        st = ag_i_str_flush(&b, sink, err);
    }
    ag_i_str_free(&b);
    return st;
}
