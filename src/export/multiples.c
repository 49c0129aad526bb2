/* Small multiples: N networks in one SVG, in a grid of panels, every actor at
 * the same place in every panel. The union of all networks is laid out once
 * (fixed seed), then one graph holds a pinned copy of each network, offset to
 * its panel, and is drawn by Graphviz's `nop` engine (positions as given).
 * Edge colour is stance (as in single diagrams), width the weight per 1,000
 * sentences on one scale across all panels. Not thread-safe (Graphviz). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/compare.h"
#include "export/export_internal.h"
#include "export/graph_build.h"

typedef struct mbuild {
    Agraph_t *g;
    ag_status st;
    ag_error *err;
} mbuild;

static void mset(mbuild *b, void *obj, const char *name, const char *value)
{
    if (b->st == AG_OK && agsafeset(obj, (char *)name, (char *)value, "") != 0)
        b->st = ag_error_set(b->err, AG_ENOMEM, "Graphviz: cannot set an attribute");
}

static Agnode_t *mnode(mbuild *b, const char *name)
{
    Agnode_t *n = b->st == AG_OK ? agnode(b->g, (char *)name, 1) : NULL;
    if (!n && b->st == AG_OK)
        b->st = ag_error_set(b->err, AG_ENOMEM, "Graphviz: cannot add a node");
    return n;
}

static int cmp_ids(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static double per_1k(const ag_edge_info *e, const ag_graph_info *g)
{
    return g && g->sentences ? (double)e->total.weight * 1000.0 / (double)g->sentences : 0.0;
}

/* The union's positions: ids sorted and unique into *ids, positions into *pos. */
static ag_status union_layout(const ag_network *const *nets, size_t n, const ag_export_options *opt,
                              const char ***ids_out, size_t *n_ids, double **pos_out, ag_error *err)
{
    ag_status st = AG_OK;
    size_t total = 0, k = 0;
    const char **ids = NULL;
    double *pos = NULL;
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0;
    GVC_t *gvc = NULL;
    const char *engine = opt && opt->layout ? opt->layout : "neato";
    mbuild b = {NULL, AG_OK, err};
    for (size_t i = 0; i < n; i++)
        total += ag_network_node_count(nets[i]);
    ids = calloc(total + 1, sizeof *ids); /* NOLINT(bugprone-sizeof-expression): an array of strings */
    if (!ids)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ag_network_node_count(nets[i]); j++) {
            const ag_node_info *ni = ag_network_node(nets[i], j);
            if (ni && ni->mentions > 0)
                ids[k++] = ni->id;
        }
    if (k)
        qsort(ids, k, sizeof *ids, cmp_ids);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || strcmp(ids[u - 1], ids[i]) != 0)
            ids[u++] = ids[i];
    pos = calloc(2 * u + 2, sizeof *pos);
    b.g = agopen("actorgraph_union", Agundirected, NULL);
    if (!pos || !b.g) {
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto cleanup;
    }
    static const char *const attrs[] = {"overlap", "false", "sep", "+12", "start", "1", "splines", "false"};
    for (size_t i = 0; i + 1 < sizeof attrs / sizeof attrs[0]; i += 2)
        mset(&b, b.g, attrs[i], attrs[i + 1]);
    for (size_t i = 0; i < u && b.st == AG_OK; i++) {
        char *name = ag_i_text_dup(ids[i], AG_I_TEXT_GV);
        Agnode_t *node = name ? mnode(&b, name) : NULL;
        free(name);
        if (!node) {
            if (b.st == AG_OK)
                b.st = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        mset(&b, node, "width", "1.4");
        mset(&b, node, "height", "0.6");
        mset(&b, node, "fixedsize", "true");
    }
    for (size_t i = 0; i < n && b.st == AG_OK; i++)
        for (size_t j = 0; j < ag_network_edge_count(nets[i]) && b.st == AG_OK; j++) {
            const ag_edge_info *e = ag_network_edge(nets[i], j);
            const ag_node_info *s = e ? ag_network_node(nets[i], e->source) : NULL;
            const ag_node_info *t = e ? ag_network_node(nets[i], e->target) : NULL;
            if (!s || !t || e->total.weight == 0)
                continue;
            char *sn = ag_i_text_dup(s->id, AG_I_TEXT_GV), *tn = ag_i_text_dup(t->id, AG_I_TEXT_GV);
            Agnode_t *x = sn ? agnode(b.g, sn, 0) : NULL, *y = tn ? agnode(b.g, tn, 0) : NULL;
            free(sn);
            free(tn);
            if (x && y && !agedge(b.g, x, y, NULL, 0) && !agedge(b.g, x, y, NULL, 1))
                b.st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot add an edge");
        }
    if ((st = b.st) != AG_OK)
        goto cleanup;
    gvc = ag_i_gv_context();
    if (!gvc) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot create a context");
        goto cleanup;
    }
    if (gvLayout(gvc, b.g, engine) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: %s layout failed: %s", engine, ag_i_gv_captured());
        goto cleanup;
    }
    laid_out = 1;
    if (gvRenderData(gvc, b.g, "dot", &data, &len) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: layout failed: %s", ag_i_gv_captured());
        goto cleanup;
    }
    for (size_t i = 0; i < u; i++) {
        char *name = ag_i_text_dup(ids[i], AG_I_TEXT_GV);
        Agnode_t *node = name ? agnode(b.g, name, 0) : NULL;
        free(name);
        const char *p = node ? agget(node, "pos") : NULL;
        double x = 0, y = 0;
        if (p && sscanf(p, "%lf,%lf", &x, &y) == 2) {
            pos[2 * i] = floor(x + 0.5);
            pos[2 * i + 1] = floor(y + 0.5);
        }
    }
cleanup:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, b.g);
    if (b.g)
        agclose(b.g);
    if (st != AG_OK) {
        free(ids);
        free(pos);
        return st;
    }
    *ids_out = ids;
    *n_ids = u;
    *pos_out = pos;
    return AG_OK;
}

static long find_id(const char *const *ids, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ids[mid], id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

ag_status ag_export_small_multiples(const ag_network *const *nets, const char *const *names, size_t n,
                                    const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    ag_status st = AG_OK;
    const char **ids = NULL;
    double *pos = NULL, max_w = 0.0, x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    size_t n_ids = 0;
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0;
    GVC_t *gvc = NULL;
    mbuild b = {NULL, AG_OK, err};
    if (!nets || !sink || n == 0)
        return ag_error_set(err, AG_EINVAL, "export: no networks or no sink");
    if (ag_export_check_layout(opt ? opt->layout : NULL, err) != AG_OK)
        return AG_EINVAL;
    ag_i_gv_capture_begin();
    st = union_layout(nets, n, opt, &ids, &n_ids, &pos, err);
    if (st != AG_OK)
        goto cleanup;
    for (size_t i = 0; i < n_ids; i++) {
        double x = pos[2 * i], y = pos[2 * i + 1];
        x0 = i == 0 || x < x0 ? x : x0;
        x1 = i == 0 || x > x1 ? x : x1;
        y0 = i == 0 || y < y0 ? y : y0;
        y1 = i == 0 || y > y1 ? y : y1;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < ag_network_edge_count(nets[k]); j++) {
            const ag_edge_info *e = ag_network_edge(nets[k], j);
            double w = e ? per_1k(e, ag_network_graph(nets[k])) : 0.0;
            max_w = w > max_w ? w : max_w;
        }
    size_t cols = 1;
    while (cols * cols < n)
        cols++;
    double pw = x1 - x0 + 140.0, ph = y1 - y0 + 110.0; /* panel: nodes plus margins and a title */
    b.g = agopen("actorgraph_multiples", Agundirected, NULL);
    if (!b.g) {
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto cleanup;
    }
    static const char *const gattrs[] = {"fontname", "Helvetica", "outputorder", "edgesfirst", "pad", "0.3",
                                         "splines", "true"};
    for (size_t i = 0; i + 1 < sizeof gattrs / sizeof gattrs[0]; i += 2)
        mset(&b, b.g, gattrs[i], gattrs[i + 1]);
    if (opt && opt->title && *opt->title) {
        char *t = ag_i_text_dup(opt->title, AG_I_TEXT_GV);
        mset(&b, b.g, "label", t ? t : "");
        mset(&b, b.g, "labelloc", "t");
        mset(&b, b.g, "fontsize", "18");
        free(t);
    }
    for (size_t k = 0; k < n && b.st == AG_OK; k++) {
        const ag_network *net = nets[k];
        const ag_graph_info *gi = ag_network_graph(net);
        size_t row = k / cols, col = k % cols;
        double dx = (double)col * pw - x0, dy = -(double)row * ph - y0;
        char name[4200], buf[128];
        /* panel title: a text node above the panel */
        snprintf(name, sizeof name, "title %zu", k);
        Agnode_t *tn = mnode(&b, name);
        if (tn) {
            ag_i_str t = {0};
            ag_i_str_text(&t, names && names[k] ? names[k] : "", AG_I_TEXT_GV, 80);
            if (gi)
                ag_i_str_addf(&t, "\\n%llu %s, %llu %s", (unsigned long long)gi->documents,
                              gi->documents == 1 ? "document" : "documents", (unsigned long long)gi->sentences,
                              gi->sentences == 1 ? "sentence" : "sentences");
            mset(&b, tn, "label", t.oom || !t.s ? "" : t.s);
            ag_i_str_free(&t);
            mset(&b, tn, "shape", "plaintext");
            mset(&b, tn, "fontname", "Helvetica");
            mset(&b, tn, "fontsize", "12");
            snprintf(buf, sizeof buf, "%.0f,%.0f!", dx + (x0 + x1) / 2.0, dy + y1 + 55.0);
            mset(&b, tn, "pos", buf);
        }
        Agnode_t **nodes = calloc(ag_network_node_count(net) + 1, sizeof *nodes); /* NOLINT(bugprone-sizeof-expression) */
        if (!nodes) {
            b.st = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < ag_network_node_count(net) && b.st == AG_OK; i++) {
            const ag_node_info *ni = ag_network_node(net, i);
            long at = ni && ni->mentions > 0 ? find_id(ids, n_ids, ni->id) : -1;
            if (at < 0)
                continue;
            char *esc = ag_i_text_dup(ni->id, AG_I_TEXT_GV);
            if (!esc) {
                b.st = ag_error_set(err, AG_ENOMEM, "out of memory");
                break;
            }
            snprintf(name, sizeof name, "%zu:%s", k, esc);
            free(esc);
            Agnode_t *node = nodes[i] = mnode(&b, name);
            if (!node)
                break;
            ag_i_str t = {0};
            ag_i_str_text(&t, ni->label && *ni->label ? ni->label : ni->id, AG_I_TEXT_GV, 40);
            mset(&b, node, "label", t.oom || !t.s ? "" : t.s);
            ag_i_str_free(&t);
            unsigned rgb[3] = {0xd9, 0xd9, 0xd9};
            int own = ag_i_parse_rgb(ni->color, rgb) == 0;
            double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
            mset(&b, node, "style", "filled");
            mset(&b, node, "fillcolor", own ? ni->color : "#d9d9d9");
            mset(&b, node, "fontcolor", luma < 140.0 ? "#ffffff" : "#000000");
            mset(&b, node, "color", "#4d4d4d");
            mset(&b, node, "fontname", "Helvetica");
            mset(&b, node, "fontsize", "10");
            mset(&b, node, "width", "1.2");
            mset(&b, node, "height", "0.45");
            mset(&b, node, "fixedsize", "true");
            snprintf(buf, sizeof buf, "%.0f,%.0f!", pos[2 * at] + dx, pos[2 * at + 1] + dy);
            mset(&b, node, "pos", buf);
        }
        for (size_t j = 0; j < ag_network_edge_count(net) && b.st == AG_OK; j++) {
            const ag_edge_info *e = ag_network_edge(net, j);
            if (!e || e->total.weight == 0 || !nodes[e->source] || !nodes[e->target])
                continue;
            Agedge_t *edge = agedge(b.g, nodes[e->source], nodes[e->target], NULL, 1);
            if (!edge) {
                b.st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot add an edge");
                break;
            }
            char w[AG_I_DECIMAL_MAX];
            double r = max_w > 0.0 ? sqrt(per_1k(e, gi) / max_w) : 0.0;
            ag_i_format_decimal(1.0 + 6.0 * r, 2, w);
            mset(&b, edge, "penwidth", w);
            mset(&b, edge, "color", ag_i_stance_color(e->stance));
        }
        free(nodes);
    }
    if ((st = b.st) != AG_OK)
        goto cleanup;
    gvc = ag_i_gv_context();
    if (!gvc) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot create a context");
        goto cleanup;
    }
    if (gvLayout(gvc, b.g, "nop") != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: layout failed: %s", ag_i_gv_captured());
        goto cleanup;
    }
    laid_out = 1;
    if (gvRenderData(gvc, b.g, "svg", &data, &len) != 0 || !data) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: SVG rendering failed: %s", ag_i_gv_captured());
        goto cleanup;
    }
    st = ag_sink_write(sink, data, len, err);
cleanup:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, b.g);
    if (b.g)
        agclose(b.g);
    free(ids);
    free(pos);
    ag_i_gv_capture_end();
    return st;
}
