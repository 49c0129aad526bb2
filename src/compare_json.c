/* Writers of a diff: node-link JSON (json-c, keys in a fixed order, reals
 * written from strings we format: 4 decimals, locale-independent, NaN as
 * null), the summary as JSON, and the summary as an aligned text table. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "actorgraph/version.h"
#include "compare_internal.h"
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

/* A JSON null: json-c represents it as a NULL object, which put() would take for a failure. */
static void put_null(json_object *obj, const char *key, int *failed)
{
    if (!*failed && json_object_object_add_ex(obj, key, NULL, JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_ADD_CONSTANT_KEY))
        *failed = 1;
}

static void push(json_object *arr, json_object *val, int *failed)
{
    if (*failed || !val || json_object_array_add(arr, val)) {
        json_object_put(val);
        *failed = 1;
    }
}

static json_object *jstr(const char *s)
{
    char *clean = ag_i_text_dup(s ? s : "", AG_I_TEXT_PLAIN);
    json_object *o = clean ? json_object_new_string(clean) : NULL;
    free(clean);
    return o;
}

static json_object *jint(uint64_t v)
{
    return json_object_new_int64(v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v);
}

/* A real with 4 decimals; NaN and infinities become null. */
static void put_real(json_object *obj, const char *key, double v, int *failed)
{
    if (!isfinite(v)) {
        put_null(obj, key, failed);
        return;
    }
    char buf[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(v, 4, buf);
    put(obj, key, json_object_new_double_s(ag_i_round_decimal(v, 4), buf), failed);
}

static json_object *new_object(int *failed)
{
    json_object *o = *failed ? NULL : json_object_new_object();
    if (!o)
        *failed = 1;
    return o;
}

static json_object *new_array(int *failed)
{
    json_object *o = *failed ? NULL : json_object_new_array();
    if (!o)
        *failed = 1;
    return o;
}

static json_object *evidence_object(const ag_evidence *ev, int *failed)
{
    json_object *o = new_object(failed);
    if (!o)
        return NULL;
    put(o, "doc", jstr(ev->doc), failed);
    put(o, "sentence", jint(ev->sentence), failed);
    put(o, "text", jstr(ev->text), failed);
    put(o, "stance", json_object_new_int(ev->stance > 0 ? 1 : ev->stance < 0 ? -1 : 0), failed);
    return o;
}

static json_object *side_object(const ag_diff_side *s, int *failed)
{
    json_object *o = new_object(failed);
    if (!o)
        return NULL;
    put(o, "present", json_object_new_boolean(s->present), failed);
    put(o, "weight", jint(s->total.weight), failed);
    put(o, "cooperation", jint(s->total.cooperation), failed);
    put(o, "conflict", jint(s->total.conflict), failed);
    put(o, "neutral", jint(s->total.neutral), failed);
    put_real(o, "stance", s->stance, failed);
    put(o, "documents", jint(s->documents), failed);
    put_real(o, "per_1k_sentences", s->per_1k_sentences, failed);
    put_real(o, "per_article", s->per_article, failed);
    json_object *evs = new_array(failed);
    for (size_t k = 0; k < s->n_evidence && evs; k++)
        push(evs, evidence_object(&s->evidence[k], failed), failed);
    put(o, "evidence", evs, failed);
    return o;
}

static json_object *graph_info_object(const ag_network *net, int *failed)
{
    const ag_graph_info *g = ag_network_graph(net);
    json_object *o = g ? new_object(failed) : NULL;
    if (!o) {
        *failed = 1;
        return NULL;
    }
    put(o, "window", jstr(g->window), failed);
    put(o, "lexicon", jstr(g->lexicon), failed);
    put(o, "documents", jint(g->documents), failed);
    put(o, "sentences", jint(g->sentences), failed);
    if (g->date_min)
        put(o, "date_min", jstr(g->date_min), failed);
    if (g->date_max)
        put(o, "date_max", jstr(g->date_max), failed);
    return o;
}

static json_object *balance_object(const ag_balance *b, int *failed)
{
    json_object *o = new_object(failed);
    if (!o)
        return NULL;
    put(o, "triangles", jint(b->triangles), failed);
    put(o, "balanced", jint(b->balanced), failed);
    put_real(o, "share", b->share, failed);
    return o;
}

static json_object *triangle_object(const ag_diff *d, const ag_triangle *t, int *failed)
{
    json_object *o = new_object(failed), *ids = new_array(failed), *signs = new_array(failed);
    if (!o || !ids || !signs) {
        json_object_put(o);
        json_object_put(ids);
        json_object_put(signs);
        return NULL;
    }
    push(ids, jstr(d->nodes[t->x].id), failed);
    push(ids, jstr(d->nodes[t->y].id), failed);
    push(ids, jstr(d->nodes[t->z].id), failed);
    push(signs, json_object_new_int(t->sign_xy), failed);
    push(signs, json_object_new_int(t->sign_yz), failed);
    push(signs, json_object_new_int(t->sign_xz), failed);
    put(o, "actors", ids, failed);
    put(o, "signs", signs, failed);
    put(o, "balanced", json_object_new_boolean(t->balanced), failed);
    return o;
}

static json_object *triangles_array(const ag_diff *d, ag_triangle_set set, int *failed)
{
    json_object *arr = new_array(failed);
    for (size_t i = 0; arr && i < d->n_tri[set]; i++)
        push(arr, triangle_object(d, &d->tri[set][i], failed), failed);
    return arr;
}

static json_object *mover_object(const ag_diff *d, const ag_diff_edge *e, int *failed)
{
    json_object *o = new_object(failed);
    if (!o)
        return NULL;
    put(o, "source", jstr(d->nodes[e->source].id), failed);
    put(o, "target", jstr(d->nodes[e->target].id), failed);
    put(o, "status", jstr(ag_diff_status_name(e->status)), failed);
    put_real(o, "delta_per_1k", e->delta, failed);
    put_real(o, "a_per_1k", e->a.per_1k_sentences, failed);
    put_real(o, "b_per_1k", e->b.per_1k_sentences, failed);
    if (e->a.n_evidence)
        put(o, "a_evidence", evidence_object(&e->a.evidence[0], failed), failed);
    else
        put_null(o, "a_evidence", failed);
    if (e->b.n_evidence)
        put(o, "b_evidence", evidence_object(&e->b.evidence[0], failed), failed);
    else
        put_null(o, "b_evidence", failed);
    return o;
}

static json_object *summary_object(const ag_diff *d, int *failed)
{
    const ag_diff_summary *s = &d->summary;
    json_object *o = new_object(failed), *st = new_object(failed), *mv = new_array(failed), *th = new_object(failed);
    json_object *bal = new_object(failed);
    if (!o || !st || !mv || !th || !bal) {
        json_object_put(o);
        json_object_put(st);
        json_object_put(mv);
        json_object_put(th);
        json_object_put(bal);
        return NULL;
    }
    put(o, "edges_a", jint(s->edges_a), failed);
    put(o, "edges_b", jint(s->edges_b), failed);
    put(o, "shared", jint(s->shared), failed);
    for (int k = AG_DIFF_ADDED; k <= AG_DIFF_FLIPPED; k++)
        put(st, ag_diff_status_name((ag_diff_status)k), jint(s->by_status[k]), failed);
    put(st, "unchanged", jint(s->by_status[AG_DIFF_UNCHANGED]), failed);
    put(o, "status", st, failed);
    put_real(o, "jaccard", s->jaccard, failed);
    put_real(o, "weighted_jaccard", s->weighted_jaccard, failed);
    put_real(o, "correlation", s->correlation, failed);
    put_real(o, "stance_agreement", s->stance_agreement, failed);
    put(bal, "a", balance_object(&s->balance_a, failed), failed);
    put(bal, "b", balance_object(&s->balance_b, failed), failed);
    put(bal, "changed", jint(d->n_tri[AG_TRIANGLES_CHANGED]), failed);
    put(o, "balance", bal, failed);
    for (size_t i = 0; i < d->n_movers; i++)
        push(mv, mover_object(d, &d->edges[d->movers[i]], failed), failed);
    put(o, "movers", mv, failed);
    put_real(th, "min_relative_change", d->opt.min_relative_change, failed);
    put_real(th, "min_absolute_change_per_1k", d->opt.min_absolute_change, failed);
    put_real(th, "flip_min_stance", d->opt.flip_min_stance, failed);
    put(o, "thresholds", th, failed);
    json_object *warnings = new_array(failed);
    if (warnings && s->warning)
        push(warnings, jstr(s->warning), failed);
    put(o, "warnings", warnings, failed);
    return o;
}

static ag_status write_root(json_object *root, int failed, ag_sink *sink, ag_error *err)
{
    const char *text = failed || !root ? NULL : json_object_to_json_string_ext(root, JSON_FLAGS);
    ag_status st = text ? ag_sink_puts(sink, text, err) : ag_error_set(err, AG_ENOMEM, "out of memory");
    if (st == AG_OK)
        st = ag_sink_puts(sink, "\n", err);
    json_object_put(root);
    return st;
}

ag_status ag_diff_export_summary_json(const ag_diff *d, ag_sink *sink, ag_error *err)
{
    int failed = 0;
    if (!d || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no diff or no sink");
    return write_root(summary_object(d, &failed), failed, sink, err);
}

ag_status ag_diff_export_json(const ag_diff *d, ag_sink *sink, ag_error *err)
{
    int failed = 0;
    if (!d || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no diff or no sink");
    json_object *root = new_object(&failed), *graph = new_object(&failed), *nodes = new_array(&failed);
    json_object *links = new_array(&failed), *tri = new_object(&failed);
    char gen[64];
    snprintf(gen, sizeof gen, "actorgraph %s", ag_version());
    put(root, "directed", json_object_new_boolean(0), &failed);
    put(root, "multigraph", json_object_new_boolean(0), &failed);
    put(graph, "generator", jstr(gen), &failed);
    put(graph, "kind", jstr("diff"), &failed);
    put(graph, "schema", json_object_new_int(AG_NETWORK_SCHEMA), &failed);
    put(graph, "a", graph_info_object(d->a, &failed), &failed);
    put(graph, "b", graph_info_object(d->b, &failed), &failed);
    put(graph, "summary", summary_object(d, &failed), &failed);
    put(tri, "unbalanced_a", triangles_array(d, AG_TRIANGLES_UNBALANCED_A, &failed), &failed);
    put(tri, "unbalanced_b", triangles_array(d, AG_TRIANGLES_UNBALANCED_B, &failed), &failed);
    put(tri, "changed", triangles_array(d, AG_TRIANGLES_CHANGED, &failed), &failed);
    put(graph, "triangles", tri, &failed);
    put(root, "graph", graph, &failed);
    for (size_t i = 0; i < d->n_nodes && !failed; i++) {
        const ag_diff_node *n = &d->nodes[i];
        if (n->mentions_a == 0 && n->mentions_b == 0)
            continue; /* a lexicon actor neither set mentions, as the network JSON leaves it out */
        json_object *o = new_object(&failed);
        put(o, "id", jstr(n->id), &failed);
        put(o, "label", jstr(n->label), &failed);
        if (n->group)
            put(o, "group", jstr(n->group), &failed);
        if (n->color)
            put(o, "color", jstr(n->color), &failed);
        put(o, "mentions_a", jint(n->mentions_a), &failed);
        put(o, "mentions_b", jint(n->mentions_b), &failed);
        push(nodes, o, &failed);
    }
    put(root, "nodes", nodes, &failed);
    for (size_t i = 0; i < d->n_edges && !failed; i++) {
        const ag_diff_edge *e = &d->edges[i];
        json_object *o = new_object(&failed);
        put(o, "source", jstr(d->nodes[e->source].id), &failed);
        put(o, "target", jstr(d->nodes[e->target].id), &failed);
        put(o, "status", jstr(ag_diff_status_name(e->status)), &failed);
        put_real(o, "delta_per_1k", e->delta, &failed);
        put(o, "a", side_object(&e->a, &failed), &failed);
        put(o, "b", side_object(&e->b, &failed), &failed);
        push(links, o, &failed);
    }
    put(root, "links", links, &failed);
    return write_root(root, failed, sink, err);
}

/* --- Text summary ---------------------------------------------------------- */

static void add_real(ag_i_str *b, double v, int decimals)
{
    char buf[AG_I_DECIMAL_MAX];
    if (!isfinite(v)) {
        ag_i_str_adds(b, "n/a");
        return;
    }
    ag_i_format_decimal(v, decimals, buf);
    ag_i_str_adds(b, buf);
}

static void add_share(ag_i_str *b, const char *name, double v)
{
    ag_i_str_addf(b, "  %-22s ", name);
    add_real(b, v, 3);
    ag_i_str_adds(b, "\n");
}

static void add_balance(ag_i_str *b, const char *name, const ag_balance *bal)
{
    ag_i_str_addf(b, "  %-22s %zu of %zu triangles balanced", name, bal->balanced, bal->triangles);
    if (bal->triangles) {
        ag_i_str_adds(b, " (");
        add_real(b, bal->share, 3);
        ag_i_str_adds(b, ")");
    }
    ag_i_str_adds(b, "\n");
}

static void add_quote(ag_i_str *b, const char *side, const ag_diff_side *s)
{
    ag_i_str_addf(b, "      %s: ", side);
    if (!s->n_evidence) {
        ag_i_str_adds(b, "(no evidence)\n");
        return;
    }
    ag_i_str_adds(b, "\xE2\x80\x9C");
    ag_i_str_text(b, s->evidence[0].text, AG_I_TEXT_PLAIN, 200);
    ag_i_str_adds(b, "\xE2\x80\x9D (");
    ag_i_str_text(b, s->evidence[0].doc, AG_I_TEXT_PLAIN, 80);
    ag_i_str_addf(b, ", sentence %llu)\n", (unsigned long long)s->evidence[0].sentence);
}

ag_status ag_diff_export_summary_text(const ag_diff *d, ag_sink *sink, ag_error *err)
{
    if (!d || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no diff or no sink");
    const ag_diff_summary *s = &d->summary;
    const ag_graph_info *ga = ag_network_graph(d->a), *gb = ag_network_graph(d->b);
    ag_i_str b = {0};
    if (!ga || !gb)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    ag_i_str_addf(&b, "  %-22s A: %llu documents, %llu sentences, %zu links\n", "networks",
                  (unsigned long long)ga->documents, (unsigned long long)ga->sentences, s->edges_a);
    ag_i_str_addf(&b, "  %-22s B: %llu documents, %llu sentences, %zu links\n", "",
                  (unsigned long long)gb->documents, (unsigned long long)gb->sentences, s->edges_b);
    ag_i_str_addf(&b, "  %-22s %zu shared, %zu added, %zu removed, %zu strengthened, %zu weakened, %zu flipped, "
                      "%zu unchanged\n",
                  "links", s->shared, s->by_status[AG_DIFF_ADDED], s->by_status[AG_DIFF_REMOVED],
                  s->by_status[AG_DIFF_STRENGTHENED], s->by_status[AG_DIFF_WEAKENED], s->by_status[AG_DIFF_FLIPPED],
                  s->by_status[AG_DIFF_UNCHANGED]);
    add_share(&b, "jaccard", s->jaccard);
    add_share(&b, "weighted jaccard", s->weighted_jaccard);
    add_share(&b, "correlation", s->correlation);
    add_share(&b, "stance agreement", s->stance_agreement);
    add_balance(&b, "balance A", &s->balance_a);
    add_balance(&b, "balance B", &s->balance_b);
    ag_i_str_addf(&b, "  %-22s %zu\n", "triangles that changed", d->n_tri[AG_TRIANGLES_CHANGED]);
    if (s->warning)
        ag_i_str_addf(&b, "  %-22s %s\n", "warning", s->warning);
    if (d->n_movers)
        ag_i_str_adds(&b, "biggest movers (links per 1,000 sentences, A -> B):\n");
    for (size_t i = 0; i < d->n_movers; i++) {
        const ag_diff_edge *e = &d->edges[d->movers[i]];
        ag_i_str_addf(&b, "  %zu. ", i + 1);
        ag_i_str_text(&b, d->nodes[e->source].label, AG_I_TEXT_PLAIN, 60);
        ag_i_str_adds(&b, " \xE2\x80\x93 ");
        ag_i_str_text(&b, d->nodes[e->target].label, AG_I_TEXT_PLAIN, 60);
        ag_i_str_addf(&b, "  %s, ", ag_diff_status_name(e->status));
        add_real(&b, e->a.per_1k_sentences, 2);
        ag_i_str_adds(&b, " -> ");
        add_real(&b, e->b.per_1k_sentences, 2);
        ag_i_str_adds(&b, ", stance ");
        add_real(&b, e->a.stance, 2);
        ag_i_str_adds(&b, " -> ");
        add_real(&b, e->b.stance, 2);
        ag_i_str_adds(&b, "\n");
        add_quote(&b, "A", &e->a);
        add_quote(&b, "B", &e->b);
    }
    ag_status st = ag_i_str_flush(&b, sink, err);
    ag_i_str_free(&b);
    return st;
}
