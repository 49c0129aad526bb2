/* The cgraph graph of a network, as the DOT and SVG writers show it.
 *
 * Every string handed to cgraph is escaped for Graphviz first: cgraph quotes
 * what it writes but does not escape backslashes, so an id ending in `\` would
 * swallow its closing quote, and labels/tooltips treat `\N`, `\n`, ... as
 * escapes. Doubling each backslash keeps the DOT valid and the text literal. */
#include "export/graph_build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"

/* --- Graphviz messages ---------------------------------------------------- */

static char gv_messages[AG_ERROR_MSG_MAX];
static agusererrf gv_prev_handler;
static agerrlevel_t gv_prev_level;

static int gv_capture(char *message)
{
    size_t used = strlen(gv_messages);
    if (message && used + 1 < sizeof gv_messages)
        snprintf(gv_messages + used, sizeof gv_messages - used, "%s", message);
    return 0;
}

void ag_i_gv_capture_begin(void)
{
    gv_messages[0] = '\0';
    gv_prev_handler = agseterrf(gv_capture);
    gv_prev_level = agseterr(AGWARN); /* every level goes to the handler, none to a temp file */
}

void ag_i_gv_capture_end(void)
{
    agseterrf(gv_prev_handler);
    agseterr(gv_prev_level);
}

const char *ag_i_gv_captured(void)
{
    static char line[AG_ERROR_MSG_MAX];
    const char *start = strstr(gv_messages, "Error: ");
    start = start ? start + strlen("Error: ") : gv_messages;
    size_t n = strcspn(start, "\n");
    snprintf(line, sizeof line, "%.*s", (int)n, n ? start : "no message from Graphviz");
    return line;
}

GVC_t *ag_i_gv_context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* --- Output discipline ---------------------------------------------------- */

static int gv_putstr(void *chan, const char *str)
{
    ag_i_gv_out *o = chan;
    if (o->status == AG_OK)
        o->status = ag_sink_puts(o->sink, str, o->err);
    return o->status == AG_OK ? 0 : EOF;
}

static int gv_flush(void *chan)
{
    ag_i_gv_out *o = chan;
    return o->status == AG_OK ? 0 : EOF;
}

static Agiodisc_t gv_io = {NULL, gv_putstr, gv_flush};
static Agdisc_t gv_disc = {&AgMemDisc, &AgIdDisc, &gv_io};

/* --- Look ------------------------------------------------------------------ */

/* Stance, conflict (−1) → neutral (0) → co-operation (+1): dark red → grey →
 * light blue. Two hues that stay apart for the common colour-vision
 * deficiencies (red–blue, not red–green), and lightness that rises steadily
 * along the scale (CIE L* 27, 37, 47, 56, 62, 67, 72), so a greyscale print
 * still orders the edges: the darker, the more conflictual. A symmetric
 * diverging scale (both ends dark) would lose the sign in greyscale. */
static const char *const stance_colors[7] = {"#87001a", "#a72424", "#b2533d", "#868686",
                                             "#4f9eca", "#32aee5", "#0dbef8"};

#define DEFAULT_FILL "#d9d9d9"
#define FONT "Helvetica"

const char *ag_i_stance_color(double stance)
{
    if (!isfinite(stance))
        stance = 0.0;
    double x = (stance + 1.0) / 2.0 * 7.0;
    int idx = x <= 0.0 ? 0 : x >= 6.0 ? 6 : (int)x;
    return stance_colors[idx];
}

/* Both kinds of window and no clear lean: drawn dashed. */
static int is_mixed(const ag_edge_info *e)
{
    double s = isfinite(e->stance) ? e->stance : 0.0;
    return e->total.cooperation > 0 && e->total.conflict > 0 && s > -0.34 && s < 0.34;
}

/* --- Setting attributes ---------------------------------------------------- */

/* Builder state: the first failure sticks and later calls do nothing. */
typedef struct build {
    Agraph_t *g;
    ag_status st;
    ag_error *err;
} build;

static void fail(build *b, ag_status st, const char *what)
{
    if (b->st == AG_OK)
        b->st = ag_error_set(b->err, st, "%s", what);
}

static void declare(build *b, int kind, const char *name, const char *def)
{
    if (b->st == AG_OK && !agattr(b->g, kind, (char *)name, (char *)def))
        fail(b, AG_ENOMEM, "Graphviz: cannot declare an attribute");
}

static void set(build *b, void *obj, const char *name, const char *value)
{
    if (b->st == AG_OK && agsafeset(obj, (char *)name, (char *)value, "") != 0)
        fail(b, AG_ENOMEM, "Graphviz: cannot set an attribute");
}

/* Sets a text attribute that Graphviz reads as an escString (label, tooltip). */
static void set_text(build *b, void *obj, const char *name, ag_i_str *text)
{
    if (text->oom)
        fail(b, AG_ENOMEM, "out of memory");
    else
        set(b, obj, name, text->s ? text->s : "");
    ag_i_str_free(text);
}

static void set_u64(build *b, void *obj, const char *name, uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    set(b, obj, name, buf);
}

static void set_dec(build *b, void *obj, const char *name, double v, int decimals)
{
    char buf[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(v, decimals, buf);
    set(b, obj, name, buf);
}

/* --- Sizes ----------------------------------------------------------------- */

/* Area grows with mentions, width with windows: sqrt keeps small actors and
 * rare relations visible beside big ones. */
static double node_scale(uint64_t mentions, uint64_t max)
{
    return max ? sqrt((double)mentions / (double)max) : 0.0;
}

static double edge_penwidth(uint64_t weight, uint64_t max)
{
    return 1.0 + 7.0 * (max ? sqrt((double)weight / (double)max) : 0.0);
}

/* --- The graph label: title, caption, legend ----------------------------- */

#define LEGEND_FONT "<font point-size=\"9\">"
#define LEGEND_GREY "#4d4d4d"

/* A horizontal bar @height points high in the legend (an edge of that width). */
static void legend_bar(ag_i_str *h, double height, const char *color)
{
    int px = (int)(height + 0.5);
    ag_i_str_addf(h, "<td valign=\"middle\"><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">"
                     "<tr><td bgcolor=\"%s\" width=\"26\" height=\"%d\" fixedsize=\"true\"></td></tr></table></td>",
                  color, px < 1 ? 1 : px);
}

/* Smallest mentions of a shown node, smallest weight of a shown edge. */
static void shown_minima(const ag_i_view *v, uint64_t *min_mentions, uint64_t *min_weight)
{
    *min_mentions = v->max_mentions;
    *min_weight = v->max_weight;
    for (size_t i = 0; i < v->n_nodes; i++) {
        const ag_node_info *n = v->node_on[i] ? ag_network_node(v->net, i) : NULL;
        if (n && n->mentions < *min_mentions)
            *min_mentions = n->mentions;
    }
    for (size_t i = 0; i < v->n_edges; i++) {
        const ag_edge_info *e = v->edge_on[i] ? ag_network_edge(v->net, i) : NULL;
        if (e && e->total.weight < *min_weight)
            *min_weight = e->total.weight;
    }
}

static void caption(ag_i_str *h, const ag_graph_info *gi)
{
    ag_i_str_adds(h, "<tr><td><font point-size=\"10\">");
    ag_i_str_addf(h, "%llu %s, %llu %s", (unsigned long long)gi->documents,
                  gi->documents == 1 ? "document" : "documents", (unsigned long long)gi->sentences,
                  gi->sentences == 1 ? "sentence" : "sentences");
    if (gi->date_min && gi->date_max) {
        ag_i_str_adds(h, ", ");
        ag_i_str_text(h, gi->date_min, AG_I_TEXT_HTML, 64);
        if (strcmp(gi->date_min, gi->date_max) != 0) {
            ag_i_str_adds(h, " to ");
            ag_i_str_text(h, gi->date_max, AG_I_TEXT_HTML, 64);
        }
    }
    if (gi->window && *gi->window) {
        ag_i_str_adds(h, "; window: ");
        ag_i_str_text(h, gi->window, AG_I_TEXT_HTML, 64);
    }
    if (gi->lexicon && *gi->lexicon) {
        ag_i_str_adds(h, "; lexicon: ");
        ag_i_str_text(h, gi->lexicon, AG_I_TEXT_HTML, 128);
    }
    ag_i_str_adds(h, "</font></td></tr>");
}

/* A legend row is a nested table, and Graphviz stretches a nested table to the
 * width of its cell (the widest row: title or caption), spreading the extra
 * evenly over the columns, which would pull the swatches apart. Empty spacer
 * columns either side take nearly all of it: the row's own table gets 1/41. */
#define LEGEND_SPACERS 20

static void row_begin(ag_i_str *h)
{
    ag_i_str_adds(h, "<tr><td><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>");
    for (int i = 0; i < LEGEND_SPACERS; i++)
        ag_i_str_adds(h, "<td></td>");
    ag_i_str_adds(h, "<td><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\"><tr>");
}

static void row_end(ag_i_str *h)
{
    ag_i_str_adds(h, "</tr></table></td>");
    for (int i = 0; i < LEGEND_SPACERS; i++)
        ag_i_str_adds(h, "<td></td>");
    ag_i_str_adds(h, "</tr></table></td></tr>");
}

/* The stance scale: its seven colours side by side between its ends. */
static void legend_colour(ag_i_str *h)
{
    row_begin(h);
    ag_i_str_adds(h, "<td>" LEGEND_FONT "edge colour: stance, conflict \xE2\x88\x92" "1</font></td>"
                     "<td width=\"3\"></td>");
    for (int i = 0; i < 7; i++)
        ag_i_str_addf(h, "<td bgcolor=\"%s\" width=\"18\" height=\"10\" fixedsize=\"true\"></td>", stance_colors[i]);
    ag_i_str_adds(h, "<td width=\"3\"></td><td>" LEGEND_FONT "+1 co-operation</font></td>");
    row_end(h);
}

/* Edge width and dashes, node size: samples with the figures they stand for. */
static void legend_sizes(ag_i_str *h, const ag_i_view *v, int directed)
{
    uint64_t min_m, min_w;
    shown_minima(v, &min_m, &min_w);
    row_begin(h);
    ag_i_str_adds(h, "<td>" LEGEND_FONT "edge width: co-occurrences</font></td><td width=\"3\"></td>");
    if (v->max_weight > 0) {
        legend_bar(h, edge_penwidth(min_w, v->max_weight), LEGEND_GREY);
        ag_i_str_addf(h, "<td>" LEGEND_FONT "%llu</font></td><td width=\"3\"></td>", (unsigned long long)min_w);
        if (v->max_weight != min_w) {
            legend_bar(h, edge_penwidth(v->max_weight, v->max_weight), LEGEND_GREY);
            ag_i_str_addf(h, "<td>" LEGEND_FONT "%llu</font></td>", (unsigned long long)v->max_weight);
        }
    }
    /* Dashed: three dashes as the edges are drawn. */
    ag_i_str_adds(h, "<td width=\"16\"></td><td>" LEGEND_FONT "dashed: mixed</font></td><td width=\"3\"></td>"
                     "<td valign=\"middle\"><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>");
    for (int i = 0; i < 3; i++)
        ag_i_str_addf(h, "<td bgcolor=\"%s\" width=\"7\" height=\"3\" fixedsize=\"true\"></td>"
                         "<td width=\"4\" height=\"3\" fixedsize=\"true\"></td>",
                      stance_colors[3]);
    ag_i_str_adds(h, "</tr></table></td>");
    ag_i_str_adds(h, "<td width=\"16\"></td><td>" LEGEND_FONT "node size: mentions");
    if (v->max_mentions > 0) {
        if (min_m != v->max_mentions)
            ag_i_str_addf(h, ", %llu to %llu", (unsigned long long)min_m, (unsigned long long)v->max_mentions);
        else
            ag_i_str_addf(h, ", %llu", (unsigned long long)min_m);
    }
    ag_i_str_adds(h, "</font></td>");
    if (directed)
        ag_i_str_adds(h, "<td width=\"16\"></td><td>" LEGEND_FONT "arrows: directed observations</font></td>");
    row_end(h);
}

static void legend_label(ag_i_str *h, const ag_i_view *v, const ag_export_options *opt)
{
    ag_i_str_adds(h, "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\">");
    if (opt->title && *opt->title) {
        ag_i_str_adds(h, "<tr><td><font point-size=\"18\"><b>");
        ag_i_str_text(h, opt->title, AG_I_TEXT_HTML, 0);
        ag_i_str_adds(h, "</b></font></td></tr>");
    }
    caption(h, v->graph);
    legend_colour(h);
    legend_sizes(h, v, opt->directed);
    ag_i_str_adds(h, "</table>");
}

static void set_graph_label(build *b, const ag_i_view *v, const ag_export_options *opt)
{
    ag_i_str h = {0};
    legend_label(&h, v, opt);
    if (h.oom) {
        fail(b, AG_ENOMEM, "out of memory");
        ag_i_str_free(&h);
        return;
    }
    Agsym_t *sym = agattr(b->g, AGRAPH, "label", NULL);
    char *html = agstrdup_html(b->g, h.s);
    if (!sym || !html || agxset(b->g, sym, html) != 0)
        fail(b, AG_ENOMEM, "Graphviz: cannot set the graph label");
    if (html)
        agstrfree(b->g, html);
    ag_i_str_free(&h);
}

/* --- Nodes and edges ------------------------------------------------------- */

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static const char *node_label(const ag_node_info *n)
{
    return n->label && *n->label ? n->label : n->id;
}

static Agnode_t *add_node(build *b, const ag_i_view *v, size_t i)
{
    const ag_node_info *n = ag_network_node(v->net, i);
    char *name = n ? ag_i_text_dup(n->id, AG_I_TEXT_GV) : NULL;
    Agnode_t *node = NULL;
    if (!name) {
        fail(b, AG_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* Two ids that differ only by invalid UTF-8 or control characters would merge. */
    if (agnode(b->g, name, 0)) {
        if (b->st == AG_OK)
            b->st = ag_error_set(b->err, AG_EINVAL, "actor id \"%s\" is not distinct once escaped for Graphviz",
                                 name);
        goto cleanup;
    }
    node = agnode(b->g, name, 1);
    if (!node) {
        fail(b, AG_ENOMEM, "Graphviz: cannot add a node");
        goto cleanup;
    }
    ag_i_str text = {0};
    ag_i_str_text(&text, node_label(n), AG_I_TEXT_GV, 0);
    set_text(b, node, "label", &text);
    ag_i_str_text(&text, node_label(n), AG_I_TEXT_GV, 0);
    if (strcmp(node_label(n), n->id) != 0) {
        ag_i_str_adds(&text, " (");
        ag_i_str_text(&text, n->id, AG_I_TEXT_GV, 0);
        ag_i_str_adds(&text, ")");
    }
    if (n->group && *n->group) {
        ag_i_str_adds(&text, ", ");
        ag_i_str_text(&text, n->group, AG_I_TEXT_GV, 0);
    }
    ag_i_str_addf(&text, "\\n%llu %s in %llu %s\\n%llu %s, weighted degree %llu", (unsigned long long)n->mentions,
                  plural(n->mentions, "mention", "mentions"), (unsigned long long)n->documents, plural(n->documents, "document", "documents"),
                  (unsigned long long)v->degree[i], plural(v->degree[i], "relation", "relations"),
                  (unsigned long long)v->wdegree[i]);
    set_text(b, node, "tooltip", &text);
    set_u64(b, node, "mentions", n->mentions);
    set_u64(b, node, "documents", n->documents);
    double t = node_scale(n->mentions, v->max_mentions);
    set_dec(b, node, "width", 0.75 + 1.25 * t, 2);
    set_dec(b, node, "height", 0.5 + 0.5 * t, 2);
    set_dec(b, node, "fontsize", 10.0 + 8.0 * t, 1);
    unsigned rgb[3] = {0xd9, 0xd9, 0xd9};
    int own = ag_i_parse_rgb(n->color, rgb) == 0;
    set(b, node, "fillcolor", own ? n->color : DEFAULT_FILL);
    /* Light text on dark fills, so labels stay legible. */
    double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    set(b, node, "fontcolor", luma < 140.0 ? "#ffffff" : "#000000");
cleanup:
    free(name);
    return node;
}

static void add_counts_text(ag_i_str *t, const ag_counts *c)
{
    ag_i_str_addf(t, "%llu cooperation, %llu conflict, %llu neutral", (unsigned long long)c->cooperation,
                  (unsigned long long)c->conflict, (unsigned long long)c->neutral);
}

static void add_direction_text(ag_i_str *t, const ag_node_info *from, const ag_node_info *to, const ag_counts *c)
{
    if (c->weight == 0)
        return;
    ag_i_str_adds(t, "\\n");
    ag_i_str_text(t, node_label(from), AG_I_TEXT_GV, 0);
    ag_i_str_adds(t, " \xE2\x86\x92 "); /* → */
    ag_i_str_text(t, node_label(to), AG_I_TEXT_GV, 0);
    ag_i_str_addf(t, ": %llu (", (unsigned long long)c->weight);
    add_counts_text(t, c);
    ag_i_str_adds(t, ")");
}

/* Evidence sentences shown in a tooltip, and how much of each. */
#define TOOLTIP_EVIDENCE 3
#define TOOLTIP_EVIDENCE_BYTES 240

static void add_edge(build *b, const ag_i_view *v, const ag_edge_info *e, Agnode_t **nodes, int directed)
{
    const ag_node_info *s = ag_network_node(v->net, e->source);
    const ag_node_info *t = ag_network_node(v->net, e->target);
    if (b->st != AG_OK)
        return;
    Agedge_t *edge = (s && t) ? agedge(b->g, nodes[e->source], nodes[e->target], NULL, 1) : NULL;
    if (!edge) {
        fail(b, AG_ENOMEM, "Graphviz: cannot add an edge");
        return;
    }
    double stance = isfinite(e->stance) ? e->stance : 0.0;
    stance = stance > 1.0 ? 1.0 : stance < -1.0 ? -1.0 : stance;
    set_u64(b, edge, "weight", e->total.weight);
    set_u64(b, edge, "cooperation", e->total.cooperation);
    set_u64(b, edge, "conflict", e->total.conflict);
    set_u64(b, edge, "neutral", e->total.neutral);
    set_dec(b, edge, "stance", stance, 4);
    set_u64(b, edge, "documents", e->documents);
    set_dec(b, edge, "penwidth", edge_penwidth(e->total.weight, v->max_weight), 2);
    set(b, edge, "color", ag_i_stance_color(stance));
    if (is_mixed(e))
        set(b, edge, "style", "dashed");
    if (directed) {
        int fw = e->forward.weight > 0, bw = e->backward.weight > 0;
        if (fw || bw)
            set(b, edge, "dir", fw && bw ? "both" : fw ? "forward" : "back");
    }
    /* Tooltip: the figures, each direction, then the first evidence sentences. */
    char sbuf[AG_I_DECIMAL_MAX];
    ag_i_format_decimal(stance, 4, sbuf);
    ag_i_str text = {0};
    ag_i_str_text(&text, node_label(s), AG_I_TEXT_GV, 0);
    ag_i_str_adds(&text, " \xE2\x80\x93 "); /* – */
    ag_i_str_text(&text, node_label(t), AG_I_TEXT_GV, 0);
    ag_i_str_addf(&text, "\\n%llu %s in %llu %s: ", (unsigned long long)e->total.weight,
                  plural(e->total.weight, "window", "windows"), (unsigned long long)e->documents,
                  plural(e->documents, "document", "documents"));
    add_counts_text(&text, &e->total);
    ag_i_str_addf(&text, "; stance %s%s", stance > 0 ? "+" : "", sbuf);
    add_direction_text(&text, s, t, &e->forward);
    add_direction_text(&text, t, s, &e->backward);
    for (size_t k = 0; k < e->n_evidence && k < TOOLTIP_EVIDENCE; k++) {
        const ag_evidence *ev = &e->evidence[k];
        ag_i_str_adds(&text, "\\n\xE2\x80\x9C"); /* “ */
        ag_i_str_text(&text, ev->text, AG_I_TEXT_GV, TOOLTIP_EVIDENCE_BYTES);
        ag_i_str_adds(&text, "\xE2\x80\x9D ("); /* ” */
        ag_i_str_text(&text, ev->doc, AG_I_TEXT_GV, 128);
        ag_i_str_addf(&text, ", sentence %llu)", (unsigned long long)ev->sentence);
    }
    set_text(b, edge, "tooltip", &text);
}

ag_status ag_i_build_cgraph(const ag_network *net, const ag_export_options *opt, Agraph_t **out,
                            ag_error *err)
{
    ag_export_options defaults;
    ag_i_view v;
    Agnode_t **nodes = NULL;
    build b = {NULL, AG_OK, err};
    if (!net || !out)
        return ag_error_set(err, AG_EINVAL, "export: no network");
    *out = NULL;
    if (!opt) {
        ag_export_options_init(&defaults);
        opt = &defaults;
    }
    b.st = ag_i_view_init(&v, net, err);
    if (b.st != AG_OK)
        goto cleanup;
    nodes = calloc(v.n_nodes + 1, sizeof *nodes); /* NOLINT(bugprone-sizeof-expression): an array of node pointers */
    b.g = agopen("actorgraph", opt->directed ? Agdirected : Agundirected, &gv_disc);
    if (!nodes || !b.g) {
        fail(&b, AG_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* Graph: readable layout, fixed seed (start=1) so neato/fdp lay out the same every time. */
    declare(&b, AGRAPH, "fontname", FONT);
    declare(&b, AGRAPH, "label", "");
    declare(&b, AGRAPH, "labelloc", "t");
    declare(&b, AGRAPH, "linelength", "0"); /* no `\`-newline splits of long tooltips */
    declare(&b, AGRAPH, "outputorder", "edgesfirst");
    declare(&b, AGRAPH, "overlap", "false");
    declare(&b, AGRAPH, "pad", "0.3");
    declare(&b, AGRAPH, "sep", "+12");
    declare(&b, AGRAPH, "splines", "true");
    declare(&b, AGRAPH, "start", "1");
    /* Node defaults (written once in `node [...]`), then the per-node attributes. */
    declare(&b, AGNODE, "shape", "ellipse");
    declare(&b, AGNODE, "style", "filled");
    declare(&b, AGNODE, "color", "#4d4d4d");
    declare(&b, AGNODE, "fontname", FONT);
    declare(&b, AGNODE, "fillcolor", DEFAULT_FILL);
    declare(&b, AGNODE, "fontcolor", "");
    declare(&b, AGNODE, "label", "\\N");
    declare(&b, AGNODE, "tooltip", "");
    declare(&b, AGNODE, "mentions", "");
    declare(&b, AGNODE, "documents", "");
    declare(&b, AGNODE, "width", "");
    declare(&b, AGNODE, "height", "");
    declare(&b, AGNODE, "fontsize", "");
    /* Edge defaults. */
    /* Empty defaults: every edge then carries its own figures, which readers
     * that ignore `edge [...]` defaults (pydot, networkx read_dot) still see. */
    declare(&b, AGEDGE, "weight", "");
    declare(&b, AGEDGE, "cooperation", "");
    declare(&b, AGEDGE, "conflict", "");
    declare(&b, AGEDGE, "neutral", "");
    declare(&b, AGEDGE, "stance", "");
    declare(&b, AGEDGE, "documents", "");
    declare(&b, AGEDGE, "penwidth", "");
    declare(&b, AGEDGE, "color", "");
    declare(&b, AGEDGE, "style", "");
    declare(&b, AGEDGE, "tooltip", "");
    declare(&b, AGEDGE, "len", "1.6"); /* neato/fdp: room between the big nodes */
    if (opt->directed) {
        declare(&b, AGEDGE, "dir", "none"); /* arrows only where there were directed observations */
        declare(&b, AGEDGE, "arrowsize", "0.6"); /* arrowheads grow with penwidth: keep them in proportion */
    }
    set_graph_label(&b, &v, opt);
    for (size_t i = 0; i < v.n_nodes && b.st == AG_OK; i++)
        if (v.node_on[i])
            nodes[i] = add_node(&b, &v, i);
    for (size_t i = 0; i < v.n_edges && b.st == AG_OK; i++)
        if (v.edge_on[i])
            add_edge(&b, &v, ag_network_edge(net, i), nodes, opt->directed);
    if (b.st == AG_OK) {
        *out = b.g;
        b.g = NULL;
    }
cleanup:
    if (b.g)
        agclose(b.g);
    free(nodes);
    ag_i_view_free(&v);
    return b.st;
}
