/* The columns of nodes and edges, as the attribute formats write them (GraphML,
 * GEXF, CSV): one list, so the three carry the same figures under the same names
 * as the JSON (`directions` flattened into forward_* and backward_*, evidence as
 * a JSON string because none of them has a list type). */
#include "export/export_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ag_i_column node_columns[] = {
    {"id", AG_I_COL_STRING, "actor id from the lexicon"},
    {"label", AG_I_COL_STRING, "display label"},
    {"group", AG_I_COL_STRING, "group from the lexicon"},
    {"color", AG_I_COL_STRING, "colour from the lexicon, #rrggbb"},
    {"mentions", AG_I_COL_LONG, "alias matches in the text"},
    {"documents", AG_I_COL_LONG, "documents naming the actor"},
    {"degree", AG_I_COL_LONG, "number of relations"},
    {"weighted_degree", AG_I_COL_LONG, "summed weight of the relations"},
};

static const ag_i_column edge_columns[] = {
    {"source", AG_I_COL_STRING, "the endpoint whose id sorts first"},
    {"target", AG_I_COL_STRING, "the other endpoint"},
    {"id", AG_I_COL_STRING, "SOURCE--TARGET"},
    {"weight", AG_I_COL_LONG, "windows in which the pair co-occurred"},
    {"cooperation", AG_I_COL_LONG, "windows whose cues were, on balance, cooperative"},
    {"conflict", AG_I_COL_LONG, "windows whose cues were, on balance, conflictual"},
    {"neutral", AG_I_COL_LONG, "windows with no deciding cue"},
    {"stance", AG_I_COL_DOUBLE, "(cooperation - conflict) / weight, in [-1, 1]"},
    {"documents", AG_I_COL_LONG, "distinct documents with such a window"},
    {"directed", AG_I_COL_BOOL, "true when there were directed observations (forward_weight or backward_weight > 0)"},
    {"forward_weight", AG_I_COL_LONG, "directed observations source -> target"},
    {"forward_cooperation", AG_I_COL_LONG, "of those, cooperative"},
    {"forward_conflict", AG_I_COL_LONG, "of those, conflictual"},
    {"forward_neutral", AG_I_COL_LONG, "of those, neutral"},
    {"backward_weight", AG_I_COL_LONG, "directed observations target -> source"},
    {"backward_cooperation", AG_I_COL_LONG, "of those, cooperative"},
    {"backward_conflict", AG_I_COL_LONG, "of those, conflictual"},
    {"backward_neutral", AG_I_COL_LONG, "of those, neutral"},
    {"evidence", AG_I_COL_STRING,
     "JSON array of the evidence sentences: doc, sentence, start, end, text, stance, cues"},
};

const ag_i_column *ag_i_node_columns(size_t *n)
{
    *n = sizeof node_columns / sizeof node_columns[0];
    return node_columns;
}

const ag_i_column *ag_i_edge_columns(size_t *n)
{
    *n = sizeof edge_columns / sizeof edge_columns[0];
    return edge_columns;
}

static void add_u64(ag_i_str *out, uint64_t v)
{
    ag_i_str_addf(out, "%llu", (unsigned long long)v);
}

int ag_i_node_value(const ag_i_view *v, size_t i, const char *name, ag_i_str *out)
{
    const ag_node_info *n = ag_network_node(v->net, i);
    if (!n)
        return 0;
    if (strcmp(name, "id") == 0)
        ag_i_str_adds(out, n->id);
    else if (strcmp(name, "label") == 0)
        ag_i_str_adds(out, n->label && *n->label ? n->label : n->id);
    else if (strcmp(name, "group") == 0 && n->group)
        ag_i_str_adds(out, n->group);
    else if (strcmp(name, "color") == 0 && n->color)
        ag_i_str_adds(out, n->color);
    else if (strcmp(name, "mentions") == 0)
        add_u64(out, n->mentions);
    else if (strcmp(name, "documents") == 0)
        add_u64(out, n->documents);
    else if (strcmp(name, "degree") == 0)
        add_u64(out, v->degree[i]);
    else if (strcmp(name, "weighted_degree") == 0)
        add_u64(out, v->wdegree[i]);
    else
        return 0;
    return 1;
}

static const ag_counts *counts_of(const ag_edge_info *e, const char **name)
{
    static const char forward[] = "forward_", backward[] = "backward_";
    if (strncmp(*name, forward, sizeof forward - 1) == 0) {
        *name += sizeof forward - 1;
        return &e->forward;
    }
    if (strncmp(*name, backward, sizeof backward - 1) == 0) {
        *name += sizeof backward - 1;
        return &e->backward;
    }
    return &e->total;
}

int ag_i_edge_value(const ag_i_view *v, const ag_edge_info *e, const char *name, ag_i_str *out)
{
    const ag_node_info *s = ag_network_node(v->net, e->source);
    const ag_node_info *t = ag_network_node(v->net, e->target);
    if (!s || !t)
        return 0;
    if (strcmp(name, "source") == 0) {
        ag_i_str_adds(out, s->id);
    } else if (strcmp(name, "target") == 0) {
        ag_i_str_adds(out, t->id);
    } else if (strcmp(name, "id") == 0) {
        ag_i_str_adds(out, s->id);
        ag_i_str_adds(out, "--");
        ag_i_str_adds(out, t->id);
    } else if (strcmp(name, "stance") == 0) {
        char buf[AG_I_DECIMAL_MAX];
        double stance = e->stance > 1.0 ? 1.0 : e->stance < -1.0 ? -1.0 : e->stance;
        ag_i_format_decimal(stance, 4, buf); /* NaN as 0.0 */
        ag_i_str_adds(out, buf);
    } else if (strcmp(name, "documents") == 0) {
        add_u64(out, e->documents);
    } else if (strcmp(name, "directed") == 0) {
        ag_i_str_adds(out, e->forward.weight > 0 || e->backward.weight > 0 ? "true" : "false");
    } else if (strcmp(name, "evidence") == 0) {
        char *json = ag_i_evidence_json(e);
        if (!json)
            out->oom = 1;
        ag_i_str_adds(out, json);
        free(json);
    } else {
        const ag_counts *c = counts_of(e, &name);
        if (strcmp(name, "weight") == 0)
            add_u64(out, c->weight);
        else if (strcmp(name, "cooperation") == 0)
            add_u64(out, c->cooperation);
        else if (strcmp(name, "conflict") == 0)
            add_u64(out, c->conflict);
        else if (strcmp(name, "neutral") == 0)
            add_u64(out, c->neutral);
        else
            return 0;
    }
    return 1;
}

ag_status ag_i_str_flush(ag_i_str *b, ag_sink *sink, ag_error *err)
{
    ag_status st = AG_OK;
    if (b->oom)
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
    else if (b->len > 0)
        st = ag_sink_write(sink, b->s, b->len, err);
    ag_i_str_clear(b);
    return st;
}
