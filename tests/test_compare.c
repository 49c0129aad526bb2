/* Comparing networks: statuses on hand-made networks, the summary figures,
 * symmetry (A vs B mirrors B vs A), identical inputs, structural balance, the
 * similarity matrix and the JSON writer. The CLI side is tests/scripts/compare_cli.sh. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "actorgraph/actorgraph.h"
#include "network_internal.h"
#include "support.h"

/* ---------------------------------------------------------------- helpers */

typedef struct t_edge {
    const char *a, *b;
    uint64_t cooperation, conflict, neutral;
} t_edge;

/* A network of the given edges, @sentences sentences and 10 documents. */
static ag_network *make(const char *window, uint64_t sentences, const t_edge *edges, size_t n)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_i_network_describe(net, window, "test", 3), AG_OK);
    cr_assert_eq(ag_i_network_add_documents(net, 10, sentences, NULL, NULL), AG_OK);
    for (size_t i = 0; i < n; i++) {
        size_t x, y;
        cr_assert_eq(ag_i_network_add_node(net, edges[i].a, NULL, NULL, NULL, &x), AG_OK);
        cr_assert_eq(ag_i_network_add_node(net, edges[i].b, NULL, NULL, NULL, &y), AG_OK);
        ag_i_network_add_node_counts(net, x, 1, 1);
        ag_i_network_add_node_counts(net, y, 1, 1);
        ag_counts total = {edges[i].cooperation + edges[i].conflict + edges[i].neutral, edges[i].cooperation,
                           edges[i].conflict, edges[i].neutral};
        ag_counts none = {0, 0, 0, 0};
        cr_assert_eq(ag_i_network_add_edge(net, x, y, &total, &none, &none, 1), AG_OK);
    }
    return net;
}

static ag_diff *diff_of(const ag_network *a, const ag_network *b)
{
    ag_diff *d = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_compare(a, b, NULL, &d, &err), AG_OK, "%s", err.message);
    return d;
}

/* The status of pair s–t in @d (-1 when the pair is not in it). */
static int status_of(const ag_diff *d, const char *s, const char *t)
{
    for (size_t i = 0; i < ag_diff_edge_count(d); i++) {
        const ag_diff_edge *e = ag_diff_edge_at(d, i);
        const char *x = ag_diff_node_at(d, e->source)->id, *y = ag_diff_node_at(d, e->target)->id;
        if ((strcmp(x, s) == 0 && strcmp(y, t) == 0) || (strcmp(x, t) == 0 && strcmp(y, s) == 0))
            return (int)e->status;
    }
    return -1;
}

/* A: 1,000 sentences, so weights are per 1,000 sentences as they are. */
static const t_edge edges_a[] = {
    {"X", "Y", 10, 0, 0}, /* flips to conflict */
    {"X", "Z", 10, 0, 0}, /* doubles: strengthened */
    {"Y", "Z", 10, 0, 0}, /* to 4: weakened */
    {"W", "X", 10, 0, 0}, /* to 12: +20%, unchanged */
    {"W", "Y", 5, 0, 0},  /* removed */
    {"V", "W", 1, 0, 0},  /* to 1.9 per 1,000: ratio 1.9 but +0.9 only: unchanged */
};
/* B: 10,000 sentences, so every count is ten times its weight per 1,000. */
static const t_edge edges_b[] = {
    {"X", "Y", 0, 100, 0}, {"X", "Z", 200, 0, 0}, {"Y", "Z", 40, 0, 0},
    {"W", "X", 120, 0, 0}, {"W", "Z", 30, 0, 0}, /* added */
    {"V", "W", 19, 0, 0},
};

static void check_statuses(const ag_diff *d, int mirrored)
{
    cr_expect_eq(status_of(d, "X", "Y"), AG_DIFF_FLIPPED);
    cr_expect_eq(status_of(d, "X", "Z"), mirrored ? AG_DIFF_WEAKENED : AG_DIFF_STRENGTHENED);
    cr_expect_eq(status_of(d, "Y", "Z"), mirrored ? AG_DIFF_STRENGTHENED : AG_DIFF_WEAKENED);
    cr_expect_eq(status_of(d, "W", "X"), AG_DIFF_UNCHANGED);
    cr_expect_eq(status_of(d, "W", "Y"), mirrored ? AG_DIFF_ADDED : AG_DIFF_REMOVED);
    cr_expect_eq(status_of(d, "W", "Z"), mirrored ? AG_DIFF_REMOVED : AG_DIFF_ADDED);
    cr_expect_eq(status_of(d, "V", "W"), AG_DIFF_UNCHANGED);
}

/* ------------------------------------------------------------------ tests */

Test(compare, statuses_and_normalisation)
{
    ag_network *a = make("sentence", 1000, edges_a, 6), *b = make("sentence", 10000, edges_b, 6);
    ag_diff *d = diff_of(a, b);
    cr_expect_eq(ag_diff_edge_count(d), 7);
    check_statuses(d, 0);
    const ag_diff_summary *s = ag_diff_get_summary(d);
    cr_expect_eq(s->edges_a, 6);
    cr_expect_eq(s->edges_b, 6);
    cr_expect_eq(s->shared, 5);
    cr_expect_eq(s->by_status[AG_DIFF_UNCHANGED], 2);
    cr_expect_float_eq(s->jaccard, 5.0 / 7.0, 1e-12);
    /* min: 10 + 10 + 4 + 10 + 0 + 0 + 1; max: 10 + 20 + 10 + 12 + 5 + 3 + 1.9 */
    cr_expect_float_eq(s->weighted_jaccard, 35.0 / 61.9, 1e-9);
    cr_expect_float_eq(s->stance_agreement, 0.8, 1e-12);
    cr_expect_null(s->warning);
    /* per-1,000 and per-article figures */
    for (size_t i = 0; i < ag_diff_edge_count(d); i++) {
        const ag_diff_edge *e = ag_diff_edge_at(d, i);
        if (e->a.present && e->b.present)
            cr_expect_float_eq(e->a.per_article * 10.0, e->a.per_1k_sentences, 1e-9);
        cr_expect_float_eq(e->delta, e->b.per_1k_sentences - e->a.per_1k_sentences, 1e-12);
    }
    /* movers: |delta| 10 (X–Z), then 6 (Y–Z), then 5 (W–Y) */
    cr_assert_eq(ag_diff_mover_count(d), 5);
    const ag_diff_edge *m0 = ag_diff_mover(d, 0), *m1 = ag_diff_mover(d, 1), *m2 = ag_diff_mover(d, 2);
    cr_expect_str_eq(ag_diff_node_at(d, m0->source)->id, "X");
    cr_expect_str_eq(ag_diff_node_at(d, m0->target)->id, "Z");
    cr_expect_float_eq(m1->delta, -6.0, 1e-9);
    cr_expect_float_eq(fabs(m2->delta), 5.0, 1e-9);
    ag_diff_free(&d);
    cr_expect_null(d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, symmetry)
{
    ag_network *a = make("sentence", 1000, edges_a, 6), *b = make("sentence", 10000, edges_b, 6);
    ag_diff *ab = diff_of(a, b), *ba = diff_of(b, a);
    check_statuses(ba, 1);
    const ag_diff_summary *x = ag_diff_get_summary(ab), *y = ag_diff_get_summary(ba);
    cr_expect_float_eq(x->jaccard, y->jaccard, 1e-12);
    cr_expect_float_eq(x->weighted_jaccard, y->weighted_jaccard, 1e-12);
    cr_expect_float_eq(x->correlation, y->correlation, 1e-12);
    cr_expect_float_eq(x->stance_agreement, y->stance_agreement, 1e-12);
    cr_expect_eq(x->by_status[AG_DIFF_ADDED], y->by_status[AG_DIFF_REMOVED]);
    cr_expect_eq(x->by_status[AG_DIFF_STRENGTHENED], y->by_status[AG_DIFF_WEAKENED]);
    for (size_t i = 0; i < ag_diff_edge_count(ab); i++)
        cr_expect_float_eq(ag_diff_edge_at(ab, i)->delta, -ag_diff_edge_at(ba, i)->delta, 1e-12);
    ag_diff_free(&ab);
    ag_diff_free(&ba);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, identical_inputs)
{
    ag_network *a = make("sentence", 1000, edges_a, 6);
    ag_diff *d = diff_of(a, a);
    const ag_diff_summary *s = ag_diff_get_summary(d);
    cr_expect_eq(s->by_status[AG_DIFF_UNCHANGED], 6);
    cr_expect_float_eq(s->jaccard, 1.0, 1e-12);
    cr_expect_float_eq(s->weighted_jaccard, 1.0, 1e-12);
    cr_expect_float_eq(s->correlation, 1.0, 1e-12);
    cr_expect_float_eq(s->stance_agreement, 1.0, 1e-12);
    cr_expect_eq(ag_diff_mover_count(d), 0);
    cr_expect_eq(ag_diff_triangle_count(d, AG_TRIANGLES_CHANGED), 0);
    ag_diff_free(&d);
    ag_network_free(&a);
}

Test(compare, empty_networks)
{
    ag_network *a = make("sentence", 0, NULL, 0), *b = make("sentence", 0, NULL, 0);
    ag_diff *d = diff_of(a, b);
    const ag_diff_summary *s = ag_diff_get_summary(d);
    cr_expect_eq(ag_diff_edge_count(d), 0);
    cr_expect_float_eq(s->jaccard, 1.0, 1e-12);
    cr_expect_float_eq(s->weighted_jaccard, 1.0, 1e-12);
    cr_expect(isnan(s->stance_agreement));
    cr_expect(isnan(s->balance_a.share));
    ag_diff_free(&d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, correlation_value)
{
    /* A (1, 2, 0) vs B (2, 4, 1) per 1,000 sentences over the union: r = 0.9820 */
    static const t_edge ea[] = {{"A", "B", 1, 0, 0}, {"A", "C", 2, 0, 0}};
    static const t_edge eb[] = {{"A", "B", 2, 0, 0}, {"A", "C", 4, 0, 0}, {"B", "C", 1, 0, 0}};
    ag_network *a = make("sentence", 1000, ea, 2), *b = make("sentence", 1000, eb, 3);
    ag_diff *d = diff_of(a, b);
    double xa[3] = {1, 2, 0}, xb[3] = {2, 4, 1}, ma = 1.0, mb = 7.0 / 3.0, cov = 0, va = 0, vb = 0;
    for (int i = 0; i < 3; i++) {
        cov += (xa[i] - ma) * (xb[i] - mb);
        va += (xa[i] - ma) * (xa[i] - ma);
        vb += (xb[i] - mb) * (xb[i] - mb);
    }
    cr_expect_float_eq(ag_diff_get_summary(d)->correlation, cov / sqrt(va * vb), 1e-12);
    cr_expect_float_eq(ag_diff_get_summary(d)->weighted_jaccard, 3.0 / 7.0, 1e-12);
    ag_diff_free(&d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, thresholds)
{
    ag_network *a = make("sentence", 1000, edges_a, 6), *b = make("sentence", 10000, edges_b, 6);
    ag_compare_options o;
    ag_compare_options_init(&o);
    cr_expect_float_eq(o.min_relative_change, 0.5, 0);
    cr_expect_float_eq(o.min_absolute_change, 1.0, 0);
    cr_expect_float_eq(o.flip_min_stance, 0.2, 0);
    o.min_relative_change = 0.1; /* W–X (+20%, +2) now strengthened */
    o.flip_min_stance = 1.5;     /* nothing can flip */
    o.movers = 1;
    ag_diff *d = NULL;
    cr_assert_eq(ag_compare(a, b, &o, &d, NULL), AG_OK);
    cr_expect_eq(status_of(d, "W", "X"), AG_DIFF_STRENGTHENED);
    cr_expect_eq(status_of(d, "X", "Y"), AG_DIFF_UNCHANGED);
    cr_expect_eq(ag_diff_mover_count(d), 1);
    ag_diff_free(&d);
    o.min_absolute_change = NAN;
    ag_error err = {0};
    cr_expect_eq(ag_compare(a, b, &o, &d, &err), AG_EINVAL);
    cr_expect_null(d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, balance)
{
    /* A: A–B +, B–C +, A–C − (unbalanced); B–C +, C–D −, B–D − (balanced); A–D none.
     * B: A–C + makes A, B, C balanced: one triangle changed. A zero-stance edge is left out. */
    static const t_edge ea[] = {{"A", "B", 2, 0, 0}, {"B", "C", 2, 0, 0}, {"A", "C", 0, 2, 0},
                                {"C", "D", 0, 2, 0}, {"B", "D", 0, 1, 0}, {"D", "E", 1, 1, 0},
                                {"C", "E", 1, 0, 0}};
    static const t_edge eb[] = {{"A", "B", 2, 0, 0}, {"B", "C", 2, 0, 0}, {"A", "C", 2, 0, 0},
                                {"C", "D", 0, 2, 0}, {"B", "D", 0, 1, 0}};
    ag_network *a = make("sentence", 1000, ea, 7), *b = make("sentence", 1000, eb, 5);
    ag_diff *d = diff_of(a, b);
    const ag_diff_summary *s = ag_diff_get_summary(d);
    cr_expect_eq(s->balance_a.triangles, 2);
    cr_expect_eq(s->balance_a.balanced, 1);
    cr_expect_float_eq(s->balance_a.share, 0.5, 1e-12);
    cr_expect_eq(s->balance_b.triangles, 2);
    cr_expect_eq(s->balance_b.balanced, 2);
    cr_assert_eq(ag_diff_triangle_count(d, AG_TRIANGLES_UNBALANCED_A), 1);
    cr_expect_eq(ag_diff_triangle_count(d, AG_TRIANGLES_UNBALANCED_B), 0);
    cr_assert_eq(ag_diff_triangle_count(d, AG_TRIANGLES_CHANGED), 1);
    const ag_triangle *t = ag_diff_triangle(d, AG_TRIANGLES_CHANGED, 0);
    cr_expect_str_eq(ag_diff_node_at(d, t->x)->id, "A");
    cr_expect_str_eq(ag_diff_node_at(d, t->y)->id, "B");
    cr_expect_str_eq(ag_diff_node_at(d, t->z)->id, "C");
    cr_expect_eq(t->balanced, 1);
    cr_expect_null(ag_diff_triangle(d, AG_TRIANGLES_CHANGED, 1));
    ag_balance bal;
    cr_assert_eq(ag_network_balance(a, &bal, NULL), AG_OK);
    cr_expect_eq(bal.triangles, 2);
    cr_expect_eq(bal.balanced, 1);
    ag_diff_free(&d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, warning_on_different_windows)
{
    ag_network *a = make("sentence", 1000, edges_a, 6), *b = make("paragraph", 1000, edges_a, 6);
    ag_diff *d = diff_of(a, b);
    cr_assert_not_null(ag_diff_get_summary(d)->warning);
    cr_expect(strstr(ag_diff_get_summary(d)->warning, "sentence vs paragraph") != NULL, "%s",
              ag_diff_get_summary(d)->warning);
    ag_diff_free(&d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, matrix)
{
    ag_network *n[3] = {make("sentence", 1000, edges_a, 6), make("sentence", 10000, edges_b, 6),
                        make("sentence", 1000, edges_a, 6)};
    double wj[9], cr[9];
    cr_assert_eq(ag_compare_matrix((const ag_network *const *)n, 3, wj, cr, NULL), AG_OK);
    cr_expect_float_eq(wj[0 * 3 + 2], 1.0, 1e-12);
    cr_expect_float_eq(cr[0 * 3 + 2], 1.0, 1e-12);
    cr_expect_float_eq(wj[0 * 3 + 1], 35.0 / 61.9, 1e-9);
    cr_expect_float_eq(wj[1 * 3 + 0], wj[0 * 3 + 1], 0);
    cr_expect_float_eq(wj[1 * 3 + 1], 1.0, 0);
    for (int i = 0; i < 3; i++)
        ag_network_free(&n[i]);
}

Test(compare, json)
{
    ag_network *a = make("sentence", 1000, edges_a, 6), *b = make("sentence", 10000, edges_b, 6);
    ag_diff *d = diff_of(a, b);
    ag_sink *sink = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_diff_export_json(d, sink, &err), AG_OK, "%s", err.message);
    json_object *root = json_tokener_parse(ag_sink_data(sink, NULL));
    cr_assert_not_null(root);
    json_object *links, *graph, *summary, *v;
    cr_assert(json_object_object_get_ex(root, "links", &links));
    cr_expect_eq(json_object_array_length(links), 7);
    int flipped = 0;
    for (size_t i = 0; i < json_object_array_length(links); i++) {
        json_object *l = json_object_array_get_idx(links, i), *st, *sa, *sb;
        cr_assert(json_object_object_get_ex(l, "status", &st));
        cr_assert(json_object_object_get_ex(l, "a", &sa));
        cr_assert(json_object_object_get_ex(l, "b", &sb));
        cr_assert(json_object_object_get_ex(sa, "per_1k_sentences", &v));
        flipped += strcmp(json_object_get_string(st), "flipped") == 0;
    }
    cr_expect_eq(flipped, 1);
    cr_assert(json_object_object_get_ex(root, "graph", &graph));
    cr_assert(json_object_object_get_ex(graph, "summary", &summary));
    cr_assert(json_object_object_get_ex(summary, "jaccard", &v));
    cr_expect_float_eq(json_object_get_double(v), 0.7143, 1e-9);
    cr_assert(json_object_object_get_ex(summary, "movers", &v));
    cr_expect_eq(json_object_array_length(v), 5);
    json_object_put(root);
    ag_sink_abort(&sink);
    /* GraphML: every pair, with its status */
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_diff_export_graphml(d, sink, &err), AG_OK, "%s", err.message);
    cr_expect(strstr(ag_sink_data(sink, NULL), "<data key=\"status\">flipped</data>") != NULL);
    cr_expect(strstr(ag_sink_data(sink, NULL), "<edge id=\"e6\"") != NULL);
    ag_sink_abort(&sink);
    /* the text summary names the figures */
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_diff_export_summary_text(d, sink, &err), AG_OK, "%s", err.message);
    cr_expect(strstr(ag_sink_data(sink, NULL), "weighted jaccard") != NULL);
    cr_expect(strstr(ag_sink_data(sink, NULL), "1 flipped") != NULL);
    ag_sink_abort(&sink);
    ag_diff_free(&d);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(compare, diagram_positions_shared)
{
    ag_network *a = make("sentence", 1000, edges_a, 6), *b = make("sentence", 10000, edges_b, 6);
    ag_diff *d = diff_of(a, b);
    ag_error err = {0};
    cr_assert_eq(ag_diff_layout(d, NULL, &err), AG_OK, "%s", err.message);
    char *dots[3];
    for (int w = 0; w < 3; w++) {
        ag_sink *sink = NULL;
        cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
        cr_assert_eq(ag_diff_export_diagram(d, w, "dot", NULL, sink, &err), AG_OK, "%s", err.message);
        dots[w] = strdup(ag_sink_data(sink, NULL));
        ag_sink_abort(&sink);
    }
    /* node X is pinned at the same place in A, B and the diff */
    const char *p = strstr(dots[0], "\tX\t[");
    cr_assert_not_null(p, "%s", dots[0]);
    const char *pos = strstr(p, "pos=\"");
    cr_assert_not_null(pos);
    char want[64];
    snprintf(want, sizeof want, "%.*s", (int)(strchr(pos + 5, '"') - pos + 1), pos);
    cr_expect(strstr(dots[1], want) != NULL, "%s not in B", want);
    cr_expect(strstr(dots[2], want) != NULL, "%s not in the diff", want);
    cr_expect(strstr(dots[2], "status=flipped") != NULL);
    for (int w = 0; w < 3; w++)
        free(dots[w]);
    ag_sink *sink = NULL;
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_diff_export_diagram(d, 2, "svg", NULL, sink, &err), AG_OK, "%s", err.message);
    cr_expect(strstr(ag_sink_data(sink, NULL), "<svg") != NULL);
    ag_sink_abort(&sink);
    ag_diff_free(&d);
    ag_network_free(&a);
    ag_network_free(&b);
}
