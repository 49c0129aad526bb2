/* Comparing two networks: the union of their pairs with a status each, the
 * summary figures, the biggest movers and structural balance.
 *
 * Decisions (README "Compare"):
 * - weights are compared per 1,000 sentences of their network (weight × 1000 /
 *   sentences), which makes sets of different sizes comparable; per article is
 *   reported beside it;
 * - strengthened/weakened needs both a ratio (larger ≥ (1 + min_relative_change)
 *   × smaller) and an absolute gap (≥ min_absolute_change per 1,000 sentences);
 *   the ratio is symmetric, so B vs A is A vs B mirrored (added ↔ removed,
 *   strengthened ↔ weakened);
 * - flipped: opposite stance signs with both |stance| ≥ flip_min_stance; it
 *   wins over a change of weight;
 * - balance: a triangle is three actors pairwise linked by edges of non-zero
 *   stance; it is balanced when the product of the three signs is positive. */
#include "compare_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ag_compare_options_init(ag_compare_options *opt)
{
    opt->min_relative_change = 0.5;
    opt->min_absolute_change = 1.0;
    opt->flip_min_stance = 0.2;
    opt->movers = 5;
}

const char *ag_diff_status_name(ag_diff_status status)
{
    switch (status) {
    case AG_DIFF_ADDED: return "added";
    case AG_DIFF_REMOVED: return "removed";
    case AG_DIFF_STRENGTHENED: return "strengthened";
    case AG_DIFF_WEAKENED: return "weakened";
    case AG_DIFF_FLIPPED: return "flipped";
    case AG_DIFF_UNCHANGED: break;
    }
    return "unchanged";
}

void ag_diff_free(ag_diff **pd)
{
    if (!pd || !*pd)
        return;
    ag_diff *d = *pd;
    free(d->nodes);
    free(d->edges);
    free(d->movers);
    free(d->map[0]);
    free(d->map[1]);
    for (int k = 0; k < 3; k++)
        free(d->tri[k]);
    free(d->pos);
    free(d->has_pos);
    free(d);
    *pd = NULL;
}

const ag_network *ag_diff_network(const ag_diff *d, int side)
{
    return side ? d->b : d->a;
}

const ag_diff_summary *ag_diff_get_summary(const ag_diff *d)
{
    return &d->summary;
}

size_t ag_diff_node_count(const ag_diff *d)
{
    return d->n_nodes;
}

const ag_diff_node *ag_diff_node_at(const ag_diff *d, size_t i)
{
    return i < d->n_nodes ? &d->nodes[i] : NULL;
}

size_t ag_diff_edge_count(const ag_diff *d)
{
    return d->n_edges;
}

const ag_diff_edge *ag_diff_edge_at(const ag_diff *d, size_t i)
{
    return i < d->n_edges ? &d->edges[i] : NULL;
}

size_t ag_diff_mover_count(const ag_diff *d)
{
    return d->n_movers;
}

const ag_diff_edge *ag_diff_mover(const ag_diff *d, size_t i)
{
    return i < d->n_movers ? &d->edges[d->movers[i]] : NULL;
}

size_t ag_diff_triangle_count(const ag_diff *d, ag_triangle_set set)
{
    return (unsigned)set < 3 ? d->n_tri[set] : 0;
}

const ag_triangle *ag_diff_triangle(const ag_diff *d, ag_triangle_set set, size_t i)
{
    return (unsigned)set < 3 && i < d->n_tri[set] ? &d->tri[set][i] : NULL;
}

/* --- Building the union ---------------------------------------------------- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Union of the node lists (both in id order): a merge join. */
static int union_nodes(ag_diff *d)
{
    const ag_network *net[2] = {d->a, d->b};
    size_t n[2] = {ag_network_node_count(d->a), ag_network_node_count(d->b)}, i[2] = {0, 0}, cap = 0;
    for (int s = 0; s < 2; s++) {
        d->map[s] = calloc(n[s] + 1, sizeof *d->map[s]);
        if (!d->map[s])
            return -1;
    }
    while (i[0] < n[0] || i[1] < n[1]) {
        const ag_node_info *x = i[0] < n[0] ? ag_network_node(net[0], i[0]) : NULL;
        const ag_node_info *y = i[1] < n[1] ? ag_network_node(net[1], i[1]) : NULL;
        if ((i[0] < n[0] && !x) || (i[1] < n[1] && !y))
            return -1;
        int c = !x ? 1 : !y ? -1 : strcmp(x->id, y->id);
        if (grow((void **)&d->nodes, &cap, d->n_nodes + 1, sizeof *d->nodes))
            return -1;
        ag_diff_node *u = &d->nodes[d->n_nodes];
        const ag_node_info *first = c <= 0 ? x : y;
        u->id = first->id;
        u->label = first->label ? first->label : first->id;
        u->group = first->group ? first->group : (c == 0 ? y->group : NULL);
        u->color = first->color ? first->color : (c == 0 ? y->color : NULL);
        u->mentions_a = c <= 0 ? x->mentions : 0;
        u->mentions_b = c >= 0 ? y->mentions : 0;
        if (c <= 0)
            d->map[0][i[0]++] = d->n_nodes;
        if (c >= 0)
            d->map[1][i[1]++] = d->n_nodes;
        d->n_nodes++;
    }
    return 0;
}

static void fill_side(ag_diff_side *s, const ag_edge_info *e, const ag_graph_info *g)
{
    memset(s, 0, sizeof *s);
    if (!e || e->total.weight == 0)
        return;
    s->present = 1;
    s->total = e->total;
    s->documents = e->documents;
    s->stance = isfinite(e->stance) ? e->stance : 0.0;
    s->per_1k_sentences = g->sentences ? (double)e->total.weight * 1000.0 / (double)g->sentences : 0.0;
    s->per_article = g->documents ? (double)e->total.weight / (double)g->documents : 0.0;
    s->evidence = e->evidence;
    s->n_evidence = e->n_evidence;
}

static int sign_of(double x)
{
    return x > 0.0 ? 1 : x < 0.0 ? -1 : 0;
}

static ag_diff_status status_of(const ag_diff_edge *e, const ag_compare_options *o)
{
    if (!e->a.present)
        return e->b.present ? AG_DIFF_ADDED : AG_DIFF_UNCHANGED;
    if (!e->b.present)
        return AG_DIFF_REMOVED;
    double sa = e->a.stance, sb = e->b.stance;
    if (sign_of(sa) * sign_of(sb) < 0 && fabs(sa) >= o->flip_min_stance && fabs(sb) >= o->flip_min_stance)
        return AG_DIFF_FLIPPED;
    double wa = e->a.per_1k_sentences, wb = e->b.per_1k_sentences;
    double lo = wa < wb ? wa : wb, hi = wa < wb ? wb : wa;
    if (hi - lo >= o->min_absolute_change && hi >= (1.0 + o->min_relative_change) * lo && hi > lo)
        return wb > wa ? AG_DIFF_STRENGTHENED : AG_DIFF_WEAKENED;
    return AG_DIFF_UNCHANGED;
}

/* Union of the edge lists (both in (source id, target id) order): a merge join. */
static int union_edges(ag_diff *d)
{
    const ag_network *net[2] = {d->a, d->b};
    const ag_graph_info *g[2] = {ag_network_graph(d->a), ag_network_graph(d->b)};
    size_t n[2] = {ag_network_edge_count(d->a), ag_network_edge_count(d->b)}, i[2] = {0, 0}, cap = 0;
    if (!g[0] || !g[1])
        return -1;
    while (i[0] < n[0] || i[1] < n[1]) {
        const ag_edge_info *x = i[0] < n[0] ? ag_network_edge(net[0], i[0]) : NULL;
        const ag_edge_info *y = i[1] < n[1] ? ag_network_edge(net[1], i[1]) : NULL;
        if ((i[0] < n[0] && !x) || (i[1] < n[1] && !y))
            return -1;
        int c;
        if (!x)
            c = 1;
        else if (!y)
            c = -1;
        else {
            size_t xs = d->map[0][x->source], ys = d->map[1][y->source];
            size_t xt = d->map[0][x->target], yt = d->map[1][y->target];
            c = xs != ys ? (xs < ys ? -1 : 1) : xt != yt ? (xt < yt ? -1 : 1) : 0;
        }
        const ag_edge_info *ea = c <= 0 ? x : NULL, *eb = c >= 0 ? y : NULL;
        if (c <= 0)
            i[0]++;
        if (c >= 0)
            i[1]++;
        if ((!ea || ea->total.weight == 0) && (!eb || eb->total.weight == 0))
            continue;
        if (grow((void **)&d->edges, &cap, d->n_edges + 1, sizeof *d->edges))
            return -1;
        ag_diff_edge *u = &d->edges[d->n_edges++];
        u->source = ea ? d->map[0][ea->source] : d->map[1][eb->source];
        u->target = ea ? d->map[0][ea->target] : d->map[1][eb->target];
        fill_side(&u->a, ea, g[0]);
        fill_side(&u->b, eb, g[1]);
        u->delta = u->b.per_1k_sentences - u->a.per_1k_sentences;
        u->status = status_of(u, &d->opt);
    }
    return 0;
}

/* --- Figures --------------------------------------------------------------- */

void ag_i_similarity(const double *wa, const double *wb, size_t n, double *wjaccard, double *correlation)
{
    double mn = 0.0, mx = 0.0, sa = 0.0, sb = 0.0;
    int equal = 1;
    for (size_t i = 0; i < n; i++) {
        mn += wa[i] < wb[i] ? wa[i] : wb[i];
        mx += wa[i] < wb[i] ? wb[i] : wa[i];
        sa += wa[i];
        sb += wb[i];
        equal &= wa[i] == wb[i];
    }
    *wjaccard = mx > 0.0 ? mn / mx : 1.0;
    if (equal) {
        *correlation = 1.0;
        return;
    }
    double ma = sa / (double)n, mb = sb / (double)n, cov = 0.0, va = 0.0, vb = 0.0;
    for (size_t i = 0; i < n; i++) {
        cov += (wa[i] - ma) * (wb[i] - mb);
        va += (wa[i] - ma) * (wa[i] - ma);
        vb += (wb[i] - mb) * (wb[i] - mb);
    }
    *correlation = va > 0.0 && vb > 0.0 ? cov / sqrt(va * vb) : NAN;
    if (*correlation > 1.0)
        *correlation = 1.0;
    if (*correlation < -1.0)
        *correlation = -1.0;
}

static int cmp_movers(const ag_diff *d, size_t x, size_t y)
{
    double dx = fabs(d->edges[x].delta), dy = fabs(d->edges[y].delta);
    if (dx != dy)
        return dx > dy ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int summarise(ag_diff *d)
{
    ag_diff_summary *s = &d->summary;
    size_t agree = 0;
    double *wa = malloc((d->n_edges + 1) * sizeof *wa), *wb = malloc((d->n_edges + 1) * sizeof *wb);
    d->movers = malloc((d->opt.movers + 1) * sizeof *d->movers);
    if (!wa || !wb || !d->movers) {
        free(wa);
        free(wb);
        return -1;
    }
    for (size_t i = 0; i < d->n_edges; i++) {
        const ag_diff_edge *e = &d->edges[i];
        s->edges_a += e->a.present;
        s->edges_b += e->b.present;
        if (e->a.present && e->b.present) {
            s->shared++;
            agree += sign_of(e->a.stance) == sign_of(e->b.stance);
        }
        s->by_status[e->status]++;
        wa[i] = e->a.per_1k_sentences;
        wb[i] = e->b.per_1k_sentences;
        /* movers: insertion into the kept top list */
        if (e->delta == 0.0 || d->opt.movers == 0)
            continue;
        size_t k = d->n_movers;
        if (k == d->opt.movers) {
            if (cmp_movers(d, i, d->movers[k - 1]) >= 0)
                continue;
            k--;
        } else {
            d->n_movers++;
        }
        while (k > 0 && cmp_movers(d, i, d->movers[k - 1]) < 0) {
            d->movers[k] = d->movers[k - 1];
            k--;
        }
        d->movers[k] = i;
    }
    s->jaccard = d->n_edges ? (double)s->shared / (double)d->n_edges : 1.0;
    ag_i_similarity(wa, wb, d->n_edges, &s->weighted_jaccard, &s->correlation);
    s->stance_agreement = s->shared ? (double)agree / (double)s->shared : NAN;
    free(wa);
    free(wb);
    const ag_graph_info *ga = ag_network_graph(d->a), *gb = ag_network_graph(d->b);
    if (!ga || !gb)
        return -1;
    const char *la = ga->lexicon ? ga->lexicon : "", *lb = gb->lexicon ? gb->lexicon : "";
    const char *wna = ga->window ? ga->window : "", *wnb = gb->window ? gb->window : "";
    int lex = strcmp(la, lb) != 0, win = strcmp(wna, wnb) != 0;
    if (lex && win)
        snprintf(d->warning, sizeof d->warning,
                 "the networks were built with different lexicons (\"%s\" vs \"%s\") and windows (%s vs %s); "
                 "their figures may not be comparable",
                 la, lb, wna, wnb);
    else if (lex)
        snprintf(d->warning, sizeof d->warning,
                 "the networks were built with different lexicons (\"%s\" vs \"%s\"); their figures may not be "
                 "comparable",
                 la, lb);
    else if (win)
        snprintf(d->warning, sizeof d->warning,
                 "the networks were built with different windows (%s vs %s); their figures may not be comparable",
                 wna, wnb);
    if (lex || win)
        s->warning = d->warning;
    return 0;
}

/* --- Balance --------------------------------------------------------------- */

/* Sign matrix (n × n, symmetric) of a network's edges with non-zero stance, on union indices. */
static signed char *sign_matrix(const ag_network *net, const size_t *map, size_t n)
{
    signed char *m = calloc(n * n + 1, 1);
    if (!m)
        return NULL;
    for (size_t i = 0; i < ag_network_edge_count(net); i++) {
        const ag_edge_info *e = ag_network_edge(net, i);
        if (!e) {
            free(m);
            return NULL;
        }
        int sg = e->total.weight ? sign_of(e->stance) : 0;
        size_t x = map ? map[e->source] : e->source, y = map ? map[e->target] : e->target;
        m[x * n + y] = m[y * n + x] = (signed char)sg;
    }
    return m;
}

static int add_triangle(ag_triangle **arr, size_t *n, size_t *cap, const ag_triangle *t)
{
    if (grow((void **)arr, cap, *n + 1, sizeof **arr))
        return -1;
    (*arr)[(*n)++] = *t;
    return 0;
}

/* Counts the signed triangles of @m; lists unbalanced ones into *unb (when non-NULL),
 * and, with @other, those that are signed in @other too with another balance into *chg. */
static int triangles(const signed char *m, const signed char *other, size_t n, ag_balance *bal, ag_triangle **unb,
                     size_t *n_unb, ag_triangle **chg, size_t *n_chg)
{
    size_t cap_u = 0, cap_c = 0;
    memset(bal, 0, sizeof *bal);
    for (size_t x = 0; x < n; x++)
        for (size_t y = x + 1; y < n; y++) {
            if (!m[x * n + y])
                continue;
            for (size_t z = y + 1; z < n; z++) {
                if (!m[x * n + z] || !m[y * n + z])
                    continue;
                ag_triangle t = {x, y, z, m[x * n + y], m[y * n + z], m[x * n + z], 0};
                t.balanced = t.sign_xy * t.sign_yz * t.sign_xz > 0;
                bal->triangles++;
                bal->balanced += (size_t)t.balanced;
                if (unb && !t.balanced && add_triangle(unb, n_unb, &cap_u, &t))
                    return -1;
                if (other && other[x * n + y] && other[y * n + z] && other[x * n + z]) {
                    ag_triangle o = {x, y, z, other[x * n + y], other[y * n + z], other[x * n + z], 0};
                    o.balanced = o.sign_xy * o.sign_yz * o.sign_xz > 0;
                    if (o.balanced != t.balanced && add_triangle(chg, n_chg, &cap_c, &o))
                        return -1;
                }
            }
        }
    bal->share = bal->triangles ? (double)bal->balanced / (double)bal->triangles : NAN;
    return 0;
}

ag_status ag_network_balance(const ag_network *net, ag_balance *out, ag_error *err)
{
    size_t n = ag_network_node_count(net);
    signed char *m = sign_matrix(net, NULL, n);
    if (!m || triangles(m, NULL, n, out, NULL, NULL, NULL, NULL)) {
        free(m);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    free(m);
    return AG_OK;
}

static int balance(ag_diff *d)
{
    int rc = -1;
    signed char *ma = sign_matrix(d->a, d->map[0], d->n_nodes);
    signed char *mb = sign_matrix(d->b, d->map[1], d->n_nodes);
    if (!ma || !mb)
        goto cleanup;
    if (triangles(ma, mb, d->n_nodes, &d->summary.balance_a, &d->tri[AG_TRIANGLES_UNBALANCED_A],
                  &d->n_tri[AG_TRIANGLES_UNBALANCED_A], &d->tri[AG_TRIANGLES_CHANGED],
                  &d->n_tri[AG_TRIANGLES_CHANGED]))
        goto cleanup;
    if (triangles(mb, NULL, d->n_nodes, &d->summary.balance_b, &d->tri[AG_TRIANGLES_UNBALANCED_B],
                  &d->n_tri[AG_TRIANGLES_UNBALANCED_B], NULL, NULL))
        goto cleanup;
    rc = 0;
cleanup:
    free(ma);
    free(mb);
    return rc;
}

/* --- Entry points ---------------------------------------------------------- */

static int valid_threshold(double v)
{
    return isfinite(v) && v >= 0.0;
}

ag_status ag_compare(const ag_network *a, const ag_network *b, const ag_compare_options *opt, ag_diff **out,
                     ag_error *err)
{
    ag_diff *d = NULL;
    if (!out)
        return ag_error_set(err, AG_EINVAL, "compare: no output");
    *out = NULL;
    if (!a || !b)
        return ag_error_set(err, AG_EINVAL, "compare: no network");
    ag_compare_options defaults;
    ag_compare_options_init(&defaults);
    if (!opt)
        opt = &defaults;
    if (!valid_threshold(opt->min_relative_change) || !valid_threshold(opt->min_absolute_change) ||
        !valid_threshold(opt->flip_min_stance) || opt->movers > 100000)
        return ag_error_set(err, AG_EINVAL, "compare: thresholds must be finite and not negative");
    d = calloc(1, sizeof *d);
    if (!d)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    d->a = a;
    d->b = b;
    d->opt = *opt;
    if (union_nodes(d) || union_edges(d) || summarise(d) || balance(d)) {
        ag_diff_free(&d);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    *out = d;
    return AG_OK;
}

ag_status ag_compare_matrix(const ag_network *const *nets, size_t n, double *wjaccard, double *correlation,
                            ag_error *err)
{
    for (size_t i = 0; i < n; i++) {
        wjaccard[i * n + i] = 1.0;
        correlation[i * n + i] = 1.0;
        for (size_t j = i + 1; j < n; j++) {
            ag_diff *d = NULL;
            ag_status st = ag_compare(nets[i], nets[j], NULL, &d, err);
            if (st != AG_OK || !d)
                return st != AG_OK ? st : ag_error_set(err, AG_ENOMEM, "out of memory");
            wjaccard[i * n + j] = wjaccard[j * n + i] = d->summary.weighted_jaccard;
            correlation[i * n + j] = correlation[j * n + i] = d->summary.correlation;
            ag_diff_free(&d);
        }
    }
    return AG_OK;
}
