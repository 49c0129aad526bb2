/* Diagrams of a comparison: one layout of the union of both networks, whose
 * node positions are then pinned in the diagrams of A, B and the diff, so the
 * three can be laid side by side (or flipped through) with every actor in the
 * same place. Not thread-safe (Graphviz is not).
 *
 * The layout graph gives every node the largest size a diagram can give it,
 * so the pinned diagrams never overlap; the pinned ones are laid out by
 * Graphviz's `nop` engine (neato -n: positions as given, edges routed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"
#include "export/export_internal.h"
#include "export/graph_build.h"

/* Diff styles: Okabe–Ito colours (told apart with the common colour-vision
 * deficiencies), and each status also differs by width or dashes, so a
 * greyscale print keeps them apart. */
typedef struct status_style {
    const char *color, *style;
    double penwidth;
    const char *legend;
} status_style;

static const status_style styles[6] = {
    [AG_DIFF_UNCHANGED] = {"#b3b3b3", "solid", 2.0, "unchanged"},
    [AG_DIFF_ADDED] = {"#009e73", "solid", 3.0, "added (only in B)"},
    [AG_DIFF_REMOVED] = {"#7f7f7f", "dashed", 2.0, "removed (only in A)"},
    [AG_DIFF_STRENGTHENED] = {"#0072b2", "solid", 6.0, "strengthened"},
    [AG_DIFF_WEAKENED] = {"#56b4e9", "solid", 1.0, "weakened"},
    [AG_DIFF_FLIPPED] = {"#e69f00", "bold", 4.0, "stance flipped"},
};

/* --- Output discipline (DOT of the diff graph) ----------------------------- */

static int putstr(void *chan, const char *str)
{
    ag_i_gv_out *o = chan;
    if (o->status == AG_OK)
        o->status = ag_sink_puts(o->sink, str, o->err);
    return o->status == AG_OK ? 0 : EOF;
}

static int flush(void *chan)
{
    ag_i_gv_out *o = chan;
    return o->status == AG_OK ? 0 : EOF;
}

static Agiodisc_t io = {NULL, putstr, flush};
static Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};

/* --- Building -------------------------------------------------------------- */

typedef struct build {
    Agraph_t *g;
    ag_status st;
    ag_error *err;
} build;

static void set(build *b, void *obj, const char *name, const char *value)
{
    if (b->st == AG_OK && agsafeset(obj, (char *)name, (char *)value, "") != 0)
        b->st = ag_error_set(b->err, AG_ENOMEM, "Graphviz: cannot set an attribute");
}

static void set_str(build *b, void *obj, const char *name, ag_i_str *s)
{
    if (s->oom && b->st == AG_OK)
        b->st = ag_error_set(b->err, AG_ENOMEM, "out of memory");
    set(b, obj, name, s->s ? s->s : "");
    ag_i_str_free(s);
}

static void set_dec(build *b, void *obj, const char *name, double v)
{
    char buf[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(v, 2, buf);
    set(b, obj, name, buf);
}

static const char *label_of(const ag_diff_node *n)
{
    return n->label && *n->label ? n->label : n->id;
}

/* A node of union index @i; @max_size: the largest size of any diagram (layout graph). */
static Agnode_t *add_node(build *b, const ag_diff *d, size_t i, int max_size, uint64_t max_mentions)
{
    const ag_diff_node *n = &d->nodes[i];
    char *name = ag_i_text_dup(n->id, AG_I_TEXT_GV);
    Agnode_t *node = name && b->st == AG_OK ? agnode(b->g, name, 1) : NULL;
    free(name);
    if (!node) {
        if (b->st == AG_OK)
            b->st = ag_error_set(b->err, AG_ENOMEM, "Graphviz: cannot add a node");
        return NULL;
    }
    ag_i_str t = {0};
    ag_i_str_text(&t, label_of(n), AG_I_TEXT_GV, 0);
    set_str(b, node, "label", &t);
    uint64_t m = n->mentions_a > n->mentions_b ? n->mentions_a : n->mentions_b;
    double s = max_size ? 1.0 : (max_mentions ? sqrt((double)m / (double)max_mentions) : 0.0);
    set_dec(b, node, "width", 0.75 + 1.25 * s);
    set_dec(b, node, "height", 0.5 + 0.5 * s);
    set_dec(b, node, "fontsize", 10.0 + 8.0 * s);
    unsigned rgb[3] = {0xd9, 0xd9, 0xd9};
    int own = ag_i_parse_rgb(n->color, rgb) == 0;
    set(b, node, "fillcolor", own ? n->color : "#d9d9d9");
    double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    set(b, node, "fontcolor", luma < 140.0 ? "#ffffff" : "#000000");
    ag_i_str_text(&t, label_of(n), AG_I_TEXT_GV, 0);
    ag_i_str_addf(&t, "\\nmentions: A %llu, B %llu", (unsigned long long)n->mentions_a,
                  (unsigned long long)n->mentions_b);
    set_str(b, node, "tooltip", &t);
    return node;
}

static void add_side_text(ag_i_str *t, const char *side, const ag_diff_side *s)
{
    char buf[AG_I_DECIMAL_MAX];
    ag_i_str_addf(t, "\\n%s: ", side);
    if (!s->present) {
        ag_i_str_adds(t, "absent");
        return;
    }
    ag_i_format_decimal(s->per_1k_sentences, 2, buf);
    ag_i_str_addf(t, "%llu windows (%s per 1,000 sentences), %llu cooperation, %llu conflict, stance ",
                  (unsigned long long)s->total.weight, buf, (unsigned long long)s->total.cooperation,
                  (unsigned long long)s->total.conflict);
    ag_i_format_decimal(s->stance, 2, buf);
    ag_i_str_adds(t, buf);
    if (s->n_evidence) {
        ag_i_str_adds(t, "\\n  \xE2\x80\x9C");
        ag_i_str_text(t, s->evidence[0].text, AG_I_TEXT_GV, 240);
        ag_i_str_adds(t, "\xE2\x80\x9D (");
        ag_i_str_text(t, s->evidence[0].doc, AG_I_TEXT_GV, 128);
        ag_i_str_addf(t, ", sentence %llu)", (unsigned long long)s->evidence[0].sentence);
    }
}

static void add_edge(build *b, const ag_diff *d, const ag_diff_edge *e, Agnode_t **nodes, int styled)
{
    if (b->st != AG_OK)
        return;
    Agedge_t *edge = agedge(b->g, nodes[e->source], nodes[e->target], NULL, 1);
    if (!edge) {
        b->st = ag_error_set(b->err, AG_ENOMEM, "Graphviz: cannot add an edge");
        return;
    }
    if (!styled)
        return;
    const status_style *s = &styles[e->status];
    set(b, edge, "status", ag_diff_status_name(e->status));
    set(b, edge, "color", s->color);
    set(b, edge, "style", s->style);
    set_dec(b, edge, "penwidth", s->penwidth);
    ag_i_str t = {0};
    ag_i_str_text(&t, label_of(&d->nodes[e->source]), AG_I_TEXT_GV, 0);
    ag_i_str_adds(&t, " \xE2\x80\x93 ");
    ag_i_str_text(&t, label_of(&d->nodes[e->target]), AG_I_TEXT_GV, 0);
    ag_i_str_addf(&t, ": %s", ag_diff_status_name(e->status));
    add_side_text(&t, "A", &e->a);
    add_side_text(&t, "B", &e->b);
    set_str(b, edge, "tooltip", &t);
}

/* `A: 8 documents, 153 sentences, 2017-01-02 to 2017-12-30` */
static void caption_side(ag_i_str *h, const char *side, const ag_network *net)
{
    const ag_graph_info *g = ag_network_graph(net);
    if (!g)
        return;
    ag_i_str_addf(h, "%s: %llu %s, %llu %s", side, (unsigned long long)g->documents,
                  g->documents == 1 ? "document" : "documents", (unsigned long long)g->sentences,
                  g->sentences == 1 ? "sentence" : "sentences");
    if (g->date_min && g->date_max) {
        ag_i_str_adds(h, ", ");
        ag_i_str_text(h, g->date_min, AG_I_TEXT_HTML, 64);
        if (strcmp(g->date_min, g->date_max) != 0) {
            ag_i_str_adds(h, " to ");
            ag_i_str_text(h, g->date_max, AG_I_TEXT_HTML, 64);
        }
    }
}

static void legend(build *b, const ag_diff *d, const ag_export_options *opt)
{
    ag_i_str h = {0};
    ag_i_str_adds(&h, "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\">");
    if (opt && opt->title && *opt->title) {
        ag_i_str_adds(&h, "<tr><td><font point-size=\"18\"><b>");
        ag_i_str_text(&h, opt->title, AG_I_TEXT_HTML, 0);
        ag_i_str_adds(&h, "</b></font></td></tr>");
    }
    ag_i_str_adds(&h, "<tr><td><font point-size=\"10\">");
    caption_side(&h, "A", d->a);
    ag_i_str_adds(&h, " \xE2\x80\x94 "); /* — */
    caption_side(&h, "B", d->b);
    ag_i_str_adds(&h, "</font></td></tr>");
    ag_i_str_adds(&h, "<tr><td><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\"><tr>");
    static const ag_diff_status order[6] = {AG_DIFF_ADDED,    AG_DIFF_REMOVED, AG_DIFF_STRENGTHENED,
                                            AG_DIFF_WEAKENED, AG_DIFF_FLIPPED, AG_DIFF_UNCHANGED};
    for (int i = 0; i < 6; i++) {
        const status_style *s = &styles[order[i]];
        int px = (int)(s->penwidth + 0.5);
        if (strcmp(s->style, "dashed") == 0) {
            ag_i_str_adds(&h, "<td valign=\"middle\"><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" "
                              "cellpadding=\"0\"><tr>");
            for (int k = 0; k < 3; k++)
                ag_i_str_addf(&h, "<td bgcolor=\"%s\" width=\"6\" height=\"%d\" fixedsize=\"true\"></td>"
                                  "<td width=\"4\" height=\"%d\" fixedsize=\"true\"></td>",
                              s->color, px, px);
            ag_i_str_adds(&h, "</tr></table></td>");
        } else {
            ag_i_str_addf(&h, "<td valign=\"middle\"><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" "
                              "cellpadding=\"0\"><tr><td bgcolor=\"%s\" width=\"26\" height=\"%d\" "
                              "fixedsize=\"true\"></td></tr></table></td>",
                          s->color, px);
        }
        ag_i_str_addf(&h, "<td><font point-size=\"9\">%s</font></td><td width=\"12\"></td>", s->legend);
    }
    ag_i_str_adds(&h, "</tr></table></td></tr></table>");
    if (h.oom) {
        if (b->st == AG_OK)
            b->st = ag_error_set(b->err, AG_ENOMEM, "out of memory");
        ag_i_str_free(&h);
        return;
    }
    char *html = agstrdup_html(b->g, h.s);
    if (!html || agsafeset(b->g, "label", html, "") != 0) {
        if (b->st == AG_OK)
            b->st = ag_error_set(b->err, AG_ENOMEM, "Graphviz: cannot set the graph label");
    }
    if (html)
        agstrfree(b->g, html);
    ag_i_str_free(&h);
}

/* The union graph: @layout_only gives every node the largest size and no styles. */
static ag_status build_union(const ag_diff *d, const ag_export_options *opt, int layout_only, Agraph_t **out,
                             ag_error *err)
{
    build b = {NULL, AG_OK, err};
    Agnode_t **nodes = calloc(d->n_nodes + 1, sizeof *nodes); /* NOLINT(bugprone-sizeof-expression) */
    unsigned char *on = calloc(d->n_nodes + 1, 1);
    uint64_t max_m = 0;
    *out = NULL;
    b.g = agopen("actorgraph_diff", Agundirected, &disc);
    if (!nodes || !on || !b.g) {
        b.st = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < d->n_nodes; i++) {
        const ag_diff_node *n = &d->nodes[i];
        on[i] = n->mentions_a > 0 || n->mentions_b > 0;
        max_m = n->mentions_a > max_m ? n->mentions_a : max_m;
        max_m = n->mentions_b > max_m ? n->mentions_b : max_m;
    }
    for (size_t i = 0; i < d->n_edges; i++)
        on[d->edges[i].source] = on[d->edges[i].target] = 1;
    static const char *const graph_attrs[] = {"fontname", "Helvetica", "labelloc", "t", "outputorder", "edgesfirst",
                                              "overlap", "false", "pad", "0.3", "sep", "+12", "splines", "true",
                                              "start", "1", "linelength", "0"};
    for (size_t i = 0; i + 1 < sizeof graph_attrs / sizeof graph_attrs[0]; i += 2)
        if (b.st == AG_OK && !agattr(b.g, AGRAPH, (char *)graph_attrs[i], (char *)graph_attrs[i + 1]))
            b.st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot declare an attribute");
    static const char *const node_attrs[] = {"shape", "ellipse", "style", "filled", "color", "#4d4d4d", "fontname",
                                             "Helvetica"};
    for (size_t i = 0; i + 1 < sizeof node_attrs / sizeof node_attrs[0]; i += 2)
        if (b.st == AG_OK && !agattr(b.g, AGNODE, (char *)node_attrs[i], (char *)node_attrs[i + 1]))
            b.st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot declare an attribute");
    if (b.st == AG_OK && !agattr(b.g, AGEDGE, "len", "1.6"))
        b.st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot declare an attribute");
    if (!layout_only)
        legend(&b, d, opt);
    for (size_t i = 0; i < d->n_nodes && b.st == AG_OK; i++)
        if (on[i])
            nodes[i] = add_node(&b, d, i, layout_only, max_m);
    for (size_t i = 0; i < d->n_edges && b.st == AG_OK; i++)
        add_edge(&b, d, &d->edges[i], nodes, !layout_only);
    if (b.st == AG_OK) {
        *out = b.g;
        b.g = NULL;
    }
cleanup:
    if (b.g)
        agclose(b.g);
    free(nodes);
    free(on);
    return b.st;
}

static const char *engine_of(const ag_export_options *opt)
{
    return opt && opt->layout ? opt->layout : "neato";
}

ag_status ag_diff_layout(ag_diff *d, const ag_export_options *opt, ag_error *err)
{
    ag_status st = AG_OK;
    Agraph_t *g = NULL;
    GVC_t *gvc = NULL;
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0;
    const char *engine = engine_of(opt);
    if (!d)
        return ag_error_set(err, AG_EINVAL, "export: no diff");
    if (ag_export_check_layout(engine, err) != AG_OK)
        return AG_EINVAL;
    free(d->pos);
    free(d->has_pos);
    d->pos = calloc(2 * d->n_nodes + 2, sizeof *d->pos);
    d->has_pos = calloc(d->n_nodes + 1, 1);
    if (!d->pos || !d->has_pos)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    ag_i_gv_capture_begin();
    gvc = ag_i_gv_context();
    if (!gvc) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot create a context");
        goto cleanup;
    }
    st = build_union(d, opt, 1, &g, err);
    if (st != AG_OK)
        goto cleanup;
    if (gvLayout(gvc, g, engine) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: %s layout failed: %s", engine, ag_i_gv_captured());
        goto cleanup;
    }
    laid_out = 1;
    /* Rendering as DOT attaches the positions (`pos`) to the nodes. */
    if (gvRenderData(gvc, g, "dot", &data, &len) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: layout failed: %s", ag_i_gv_captured());
        goto cleanup;
    }
    for (size_t i = 0; i < d->n_nodes; i++) {
        char *name = ag_i_text_dup(d->nodes[i].id, AG_I_TEXT_GV);
        if (!name) {
            st = ag_error_set(err, AG_ENOMEM, "out of memory");
            goto cleanup;
        }
        Agnode_t *n = agnode(g, name, 0);
        free(name);
        const char *pos = n ? agget(n, "pos") : NULL;
        double x, y;
        if (pos && sscanf(pos, "%lf,%lf", &x, &y) == 2) {
            /* rounded, so the pinned diagrams do not depend on printf of long decimals */
            d->pos[2 * i] = floor(x + 0.5);
            d->pos[2 * i + 1] = floor(y + 0.5);
            d->has_pos[i] = 1;
        }
    }
cleanup:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    if (g)
        agclose(g);
    ag_i_gv_capture_end();
    if (st != AG_OK) {
        free(d->pos);
        free(d->has_pos);
        d->pos = NULL;
        d->has_pos = NULL;
    }
    return st;
}

/* Pins node @name of @g at union node @i's position; 1 when pinned. */
static int pin(Agraph_t *g, const ag_diff *d, size_t i, ag_status *st, ag_error *err)
{
    if (!d->has_pos || !d->has_pos[i])
        return 0;
    char *name = ag_i_text_dup(d->nodes[i].id, AG_I_TEXT_GV);
    if (!name) {
        *st = ag_error_set(err, AG_ENOMEM, "out of memory");
        return 0;
    }
    Agnode_t *n = agnode(g, name, 0);
    free(name);
    if (!n)
        return 0;
    char buf[96];
    snprintf(buf, sizeof buf, "%.0f,%.0f!", d->pos[2 * i], d->pos[2 * i + 1]);
    if (agsafeset(n, "pos", buf, "") != 0)
        *st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot set an attribute");
    return 1;
}

ag_status ag_diff_export_diagram(const ag_diff *d, int which, const char *format, const ag_export_options *opt,
                                 ag_sink *sink, ag_error *err)
{
    ag_status st = AG_OK;
    Agraph_t *g = NULL;
    GVC_t *gvc = NULL;
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0, svg;
    size_t shown = 0, pinned = 0;
    const char *engine = engine_of(opt);
    if (!d || !sink || !format || which < 0 || which > 2)
        return ag_error_set(err, AG_EINVAL, "export: no diff or no sink");
    svg = strcmp(format, "svg") == 0;
    if (!svg && strcmp(format, "dot") != 0)
        return ag_error_set(err, AG_EINVAL, "export: a comparison diagram is svg or dot, not \"%s\"", format);
    if (ag_export_check_layout(engine, err) != AG_OK)
        return AG_EINVAL;
    ag_i_gv_capture_begin();
    if (which == 2)
        st = build_union(d, opt, 0, &g, err);
    else
        st = ag_i_build_cgraph(which ? d->b : d->a, opt, &g, err);
    if (st != AG_OK)
        goto cleanup;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        shown++;
    const size_t *map = which == 2 ? NULL : d->map[which];
    const ag_network *net = which == 1 ? d->b : d->a;
    size_t count = which == 2 ? d->n_nodes : ag_network_node_count(net);
    for (size_t i = 0; i < count && st == AG_OK; i++)
        pinned += (size_t)pin(g, d, map ? map[i] : i, &st, err);
    if (st != AG_OK)
        goto cleanup;
    if (!svg) {
        ag_i_gv_out out = {sink, err, AG_OK};
        if (agwrite(g, &out) != 0)
            st = out.status != AG_OK ? out.status
                                     : ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot write DOT: %s",
                                                    ag_i_gv_captured());
        goto cleanup;
    }
    gvc = ag_i_gv_context();
    if (!gvc) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot create a context");
        goto cleanup;
    }
    /* every shown node pinned: positions as given (nop); else a layout of its own */
    const char *use = shown > 0 && pinned == shown ? "nop" : engine;
    if (gvLayout(gvc, g, use) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: %s layout failed: %s", use, ag_i_gv_captured());
        goto cleanup;
    }
    laid_out = 1;
    if (gvRenderData(gvc, g, "svg", &data, &len) != 0 || !data) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: SVG rendering failed: %s", ag_i_gv_captured());
        goto cleanup;
    }
    st = ag_sink_write(sink, data, len, err);
cleanup:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    if (g)
        agclose(g);
    ag_i_gv_capture_end();
    return st;
}
