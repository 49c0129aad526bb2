/* Node-link JSON (networkx `node_link_graph`, D3 `forceLink().id(d => d.id)`), built with json-c.
 *
 * Keys come in a fixed order (json-c keeps insertion order), counts are
 * integers, and the one real number (stance) is written from a string we format
 * ourselves: 4 decimals, locale-independent, never NaN or Infinity. */
#include "actorgraph/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "export/export_internal.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Builders: once `*failed` is set (out of memory) they only free what they are given. */
static void put(json_object *obj, const char *key, json_object *val, int *failed)
{
    if (*failed || !val ||
        json_object_object_add_ex(obj, key, val, JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_ADD_CONSTANT_KEY)) {
        json_object_put(val);
        *failed = 1;
    }
}

static void push(json_object *arr, json_object *val, int *failed)
{
    if (*failed || !val || json_object_array_add(arr, val)) {
        json_object_put(val);
        *failed = 1;
    }
}

/* A string with any invalid UTF-8 repaired (json-c copies bytes through as they are). */
static json_object *jstr(const char *s)
{
    char *clean = ag_i_text_dup(s, AG_I_TEXT_PLAIN);
    json_object *o = clean ? json_object_new_string(clean) : NULL;
    free(clean);
    return o;
}

static json_object *jint(uint64_t v)
{
    return json_object_new_int64(v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v);
}

static json_object *jstance(double stance)
{
    if (stance > 1.0)
        stance = 1.0;
    if (stance < -1.0)
        stance = -1.0;
    char buf[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(stance, 4, buf); /* also maps NaN to 0.0 */
    return json_object_new_double_s(ag_i_round_decimal(stance, 4), buf);
}

static void put_counts(json_object *obj, const ag_counts *c, int *failed)
{
    put(obj, "weight", jint(c->weight), failed);
    put(obj, "cooperation", jint(c->cooperation), failed);
    put(obj, "conflict", jint(c->conflict), failed);
    put(obj, "neutral", jint(c->neutral), failed);
}

static json_object *graph_object(const ag_graph_info *g, int *failed)
{
    json_object *o = json_object_new_object();
    if (!o) {
        *failed = 1;
        return NULL;
    }
    put(o, "generator", jstr(g->generator ? g->generator : "actorgraph"), failed);
    put(o, "schema", json_object_new_int(AG_NETWORK_SCHEMA), failed);
    if (g->window)
        put(o, "window", jstr(g->window), failed);
    if (g->lexicon)
        put(o, "lexicon", jstr(g->lexicon), failed);
    put(o, "documents", jint(g->documents), failed);
    put(o, "sentences", jint(g->sentences), failed);
    put(o, "evidence_cap", jint(g->evidence_cap), failed);
    if (g->dedup && strcmp(g->dedup, "document") != 0) { /* the default is left out: older files stay as they were */
        put(o, "dedup", jstr(g->dedup), failed);
        put(o, "folded", jint(g->folded), failed);
    }
    if (g->date_min)
        put(o, "date_min", jstr(g->date_min), failed);
    if (g->date_max)
        put(o, "date_max", jstr(g->date_max), failed);
    return o;
}

static json_object *node_object(const ag_i_view *v, size_t i, int *failed)
{
    const ag_node_info *n = ag_network_node(v->net, i);
    json_object *o = json_object_new_object();
    if (!o || !n) {
        json_object_put(o);
        *failed = 1;
        return NULL;
    }
    put(o, "id", jstr(n->id), failed);
    put(o, "label", jstr(n->label ? n->label : n->id), failed);
    if (n->group)
        put(o, "group", jstr(n->group), failed);
    if (n->color)
        put(o, "color", jstr(n->color), failed);
    put(o, "mentions", jint(n->mentions), failed);
    put(o, "documents", jint(n->documents), failed);
    put(o, "degree", jint(v->degree[i]), failed);
    put(o, "weighted_degree", jint(v->wdegree[i]), failed);
    return o;
}

static json_object *direction_object(const char *source, const char *target, const ag_counts *c, int *failed)
{
    json_object *o = json_object_new_object();
    if (!o) {
        *failed = 1;
        return NULL;
    }
    put(o, "source", jstr(source), failed);
    put(o, "target", jstr(target), failed);
    put_counts(o, c, failed);
    return o;
}

static json_object *evidence_object(const ag_evidence *ev, int *failed)
{
    json_object *o = json_object_new_object();
    json_object *cues = json_object_new_array();
    if (!o || !cues) {
        json_object_put(o);
        json_object_put(cues);
        *failed = 1;
        return NULL;
    }
    put(o, "doc", jstr(ev->doc ? ev->doc : ""), failed);
    put(o, "sentence", jint(ev->sentence), failed);
    put(o, "start", jint(ev->start), failed);
    put(o, "end", jint(ev->end), failed);
    put(o, "text", jstr(ev->text ? ev->text : ""), failed);
    put(o, "stance", json_object_new_int(ev->stance > 0 ? 1 : ev->stance < 0 ? -1 : 0), failed);
    for (size_t k = 0; k < ev->n_cues; k++)
        if (ev->cues[k])
            push(cues, jstr(ev->cues[k]), failed);
    put(o, "cues", cues, failed);
    return o;
}

char *ag_i_evidence_json(const ag_edge_info *e)
{
    int failed = 0;
    char *text = NULL;
    json_object *arr = json_object_new_array();
    if (!arr)
        return NULL;
    for (size_t k = 0; k < e->n_evidence; k++)
        push(arr, evidence_object(&e->evidence[k], &failed), &failed);
    const char *s = failed ? NULL : json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    if (s)
        text = strdup(s);
    json_object_put(arr);
    return text;
}

static json_object *link_object(const ag_i_view *v, const ag_edge_info *e, int *failed)
{
    const ag_node_info *s = e ? ag_network_node(v->net, e->source) : NULL;
    const ag_node_info *t = e ? ag_network_node(v->net, e->target) : NULL;
    json_object *o = json_object_new_object();
    json_object *dirs = json_object_new_array();
    json_object *evs = json_object_new_array();
    ag_i_str id = {0};
    if (!o || !dirs || !evs || !s || !t) {
        json_object_put(o);
        json_object_put(dirs);
        json_object_put(evs);
        *failed = 1;
        return NULL;
    }
    ag_i_str_adds(&id, s->id);
    ag_i_str_adds(&id, "--");
    ag_i_str_adds(&id, t->id);
    put(o, "id", id.oom ? NULL : jstr(id.s), failed);
    ag_i_str_free(&id);
    put(o, "source", jstr(s->id), failed);
    put(o, "target", jstr(t->id), failed);
    put_counts(o, &e->total, failed);
    put(o, "stance", jstance(e->stance), failed);
    put(o, "documents", jint(e->documents), failed);
    if (e->forward.weight > 0)
        push(dirs, direction_object(s->id, t->id, &e->forward, failed), failed);
    if (e->backward.weight > 0)
        push(dirs, direction_object(t->id, s->id, &e->backward, failed), failed);
    put(o, "directions", dirs, failed);
    for (size_t k = 0; k < e->n_evidence; k++)
        push(evs, evidence_object(&e->evidence[k], failed), failed);
    put(o, "evidence", evs, failed);
    return o;
}

/* Takes member @key out of @o (NULL when absent): the caller owns the value. */
static json_object *take(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (json_object_object_get_ex(o, key, &v))
        json_object_get(v);
    json_object_object_del(o, key);
    return v;
}

/* Wraps each element of @items in `{"data": element}` (cytoscape.js). */
static json_object *cytoscape_items(json_object *items, int *failed)
{
    json_object *out = json_object_new_array();
    if (!out)
        *failed = 1;
    for (size_t i = 0; !*failed && i < json_object_array_length(items); i++) {
        json_object *w = json_object_new_object();
        if (!w)
            *failed = 1;
        put(w, "data", json_object_get(json_object_array_get_idx(items, i)), failed);
        push(out, w, failed);
    }
    return out;
}

/* cytoscape.js elements JSON: {data, directed, multigraph, elements: {nodes, edges}}. */
static json_object *cytoscape_root(json_object *graph, json_object *nodes, json_object *links, int *failed)
{
    json_object *root = json_object_new_object(), *elements = json_object_new_object();
    if (!root || !elements)
        *failed = 1;
    put(root, "data", json_object_get(graph), failed);
    put(root, "directed", json_object_new_boolean(0), failed);
    put(root, "multigraph", json_object_new_boolean(0), failed);
    put(elements, "nodes", *failed ? NULL : cytoscape_items(nodes, failed), failed);
    put(elements, "edges", *failed ? NULL : cytoscape_items(links, failed), failed);
    put(root, "elements", elements, failed);
    return root;
}

/* graphology's serialized graph: node `id` becomes `key`, the rest `attributes`;
 * links keep key, source, target, `undirected: true`. Edits @nodes and @links. */
static json_object *graphology_root(json_object *graph, json_object *nodes, json_object *links, int *failed)
{
    json_object *root = json_object_new_object(), *options = json_object_new_object();
    json_object *gn = json_object_new_array(), *ge = json_object_new_array();
    if (!root || !options || !gn || !ge)
        *failed = 1;
    put(options, "type", json_object_new_string("undirected"), failed);
    put(options, "multi", json_object_new_boolean(0), failed);
    put(options, "allowSelfLoops", json_object_new_boolean(0), failed);
    for (size_t i = 0; !*failed && i < json_object_array_length(nodes); i++) {
        json_object *n = json_object_array_get_idx(nodes, i), *o = json_object_new_object();
        if (!o)
            *failed = 1;
        put(o, "key", take(n, "id"), failed);
        put(o, "attributes", json_object_get(n), failed);
        push(gn, o, failed);
    }
    for (size_t i = 0; !*failed && i < json_object_array_length(links); i++) {
        json_object *l = json_object_array_get_idx(links, i), *o = json_object_new_object();
        if (!o)
            *failed = 1;
        put(o, "key", take(l, "id"), failed);
        put(o, "source", take(l, "source"), failed);
        put(o, "target", take(l, "target"), failed);
        put(o, "undirected", json_object_new_boolean(1), failed);
        put(o, "attributes", json_object_get(l), failed);
        push(ge, o, failed);
    }
    put(root, "attributes", json_object_get(graph), failed);
    put(root, "options", options, failed);
    put(root, "nodes", gn, failed);
    put(root, "edges", ge, failed);
    return root;
}

ag_status ag_export_json(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    /* the JSON carries everything; title and layout are for diagrams */
    ag_json_style style = opt ? opt->json_style : AG_JSON_NODE_LINK;
    json_object *styled = NULL;
    ag_status st = AG_OK;
    ag_i_view v;
    json_object *root = NULL, *nodes = NULL, *links = NULL;
    int failed = 0;
    if (!net || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    st = ag_i_view_init(&v, net, err);
    if (st != AG_OK)
        goto cleanup;
    /* put()/push() take ownership of what they are given, also when they fail. */
    if (!(root = json_object_new_object()))
        failed = 1;
    /* Undirected: one link per unordered pair; directed observations ride along in `directions`. */
    put(root, "directed", json_object_new_boolean(0), &failed);
    put(root, "multigraph", json_object_new_boolean(0), &failed);
    put(root, "graph", failed ? NULL : graph_object(v.graph, &failed), &failed);
    if (!(nodes = json_object_new_array()))
        failed = 1;
    for (size_t i = 0; i < v.n_nodes && !failed; i++)
        if (v.node_on[i])
            push(nodes, node_object(&v, i, &failed), &failed);
    put(root, "nodes", nodes, &failed);
    if (!(links = json_object_new_array()))
        failed = 1;
    for (size_t i = 0; i < v.n_edges && !failed; i++)
        if (v.edge_on[i])
            push(links, link_object(&v, ag_network_edge(net, i), &failed), &failed);
    put(root, "links", links, &failed);
    if (!failed && style == AG_JSON_CYTOSCAPE)
        styled = cytoscape_root(json_object_object_get(root, "graph"), nodes, links, &failed);
    else if (!failed && style == AG_JSON_GRAPHOLOGY)
        styled = graphology_root(json_object_object_get(root, "graph"), nodes, links, &failed);
    const char *text = failed ? NULL : json_object_to_json_string_ext(styled ? styled : root, JSON_FLAGS);
    if (!text) {
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto cleanup;
    }
    st = ag_sink_puts(sink, text, err);
    if (st == AG_OK)
        st = ag_sink_puts(sink, "\n", err);
cleanup:
    json_object_put(styled);
    json_object_put(root);
    ag_i_view_free(&v);
    return st;
}
