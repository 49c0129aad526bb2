/* Writers (JSON, DOT, SVG, PNG, PDF, GraphML, GEXF, CSV), the format table and sinks.
 *
 * Golden files: tests/golden/small.* hold the output for the small network
 * built below, with the actorgraph, Graphviz and cairo versions replaced by
 * `VERSION`. After an intended change of output, regenerate them with
 *
 *     AG_UPDATE_GOLDEN=1 build/tests/test_export
 *
 * and review the diff. The SVG, PNG and PDF depend on the Graphviz version and
 * on the installed fonts (text widths come from them), the PNG and PDF also on
 * cairo, pango and freetype, so another machine may need its own regeneration. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <json.h>

#include "actorgraph/export.h"
#include "actorgraph/network.h"
#include "actorgraph/version.h"
#include "export/export_internal.h"
#include "network_internal.h"
#include "support.h"

/* ---------------------------------------------------------------- fixtures */

static size_t add_node(ag_network *net, const char *id, const char *label, const char *group, const char *color)
{
    size_t idx = 0;
    cr_assert_eq(ag_i_network_add_node(net, id, label, group, color, &idx), AG_OK);
    return idx;
}

static void add_window(ag_network *net, size_t a, size_t b, int stance, int first_in_doc, const char *doc,
                       uint64_t sentence, const char *text, const char *const *cues, size_t n_cues)
{
    ag_i_evidence_in ev = {doc, sentence, sentence * 100, sentence * 100 + strlen(text), text, strlen(text),
                           stance, cues, n_cues};
    ag_i_window_obs obs = {0};
    obs.a = a;
    obs.b = b;
    obs.stance = stance;
    obs.first_in_doc = first_in_doc;
    obs.evidence = text ? &ev : NULL;
    cr_assert_eq(ag_i_network_add_window(net, &obs), AG_OK);
}

/* Like add_window, with a directed observation a -> b (dir > 0) or b -> a (dir < 0). */
static void add_directed(ag_network *net, size_t a, size_t b, int dir, int stance, int first_in_doc,
                         const char *doc, uint64_t sentence, const char *text, const char *const *cues,
                         size_t n_cues)
{
    ag_i_evidence_in ev = {doc, sentence, sentence * 100, sentence * 100 + strlen(text), text, strlen(text),
                           stance, cues, n_cues};
    ag_i_window_obs obs = {0};
    obs.a = a;
    obs.b = b;
    obs.stance = stance;
    obs.first_in_doc = first_in_doc;
    if (dir > 0) {
        obs.has_ab = 1;
        obs.stance_ab = stance;
    } else {
        obs.has_ba = 1;
        obs.stance_ba = stance;
    }
    obs.evidence = &ev;
    cr_assert_eq(ag_i_network_add_window(net, &obs), AG_OK);
}

/* Four actors with mentions, one without (not written), three edges: co-operative
 * with both directions, conflictual one way, mixed. Evidence has quotes, <, &, non-ASCII. */
static ag_network *small_network(void)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_i_network_describe(net, "sentence", "test-lexicon", 3), AG_OK);
    cr_assert_eq(ag_i_network_add_document(net, "2024-02-10", 9), AG_OK);
    cr_assert_eq(ag_i_network_add_document(net, "2024-01-05", 12), AG_OK);
    cr_assert_eq(ag_i_network_add_document(net, "2024-03-01", 7), AG_OK);
    /* Inserted out of id order on purpose: writers follow id order. */
    size_t usa = add_node(net, "USA", "United States", NULL, NULL);
    size_t rus = add_node(net, "Russia", "Russia", "state", "#1b6e5a");
    size_t is = add_node(net, "IS", "Islamic State", "militant", "#000000");
    size_t pak = add_node(net, "Pakistan", "Pakistan", "state", "#e6ab02");
    size_t chn = add_node(net, "China", NULL, "state", NULL);
    (void)is;
    ag_i_network_add_mentions(net, rus, 4, 1);
    ag_i_network_add_mentions(net, rus, 2, 1);
    ag_i_network_add_mentions(net, rus, 1, 1);
    ag_i_network_add_mentions(net, pak, 3, 1);
    ag_i_network_add_mentions(net, pak, 2, 1);
    ag_i_network_add_mentions(net, usa, 2, 1);
    ag_i_network_add_mentions(net, usa, 1, 1);
    ag_i_network_add_mentions(net, chn, 1, 1);

    static const char *const signed_cues[] = {"signed"};
    static const char *const praise_cues[] = {"praised", "support"};
    static const char *const accused[] = {"accused"};
    static const char *const agreed[] = {"agreed", "talks"};
    static const char *const condemned[] = {"condemned"};
    add_directed(net, pak, rus, +1, +1, 1, "dawn/2024-01-05", 3,
                 "Pakistan and Russia signed a \"strategic\" pact on energy & trade <in Moscow>.", signed_cues,
                 1);
    add_directed(net, pak, rus, -1, +1, 1, "tass-0210", 1,
                 "Moscow\xE2\x80\x99s envoy praised Islamabad\xE2\x80\x99s \xE2\x80\x9Csteadfast\xE2\x80\x9D "
                 "support \xE2\x80\x94 a new era.",
                 praise_cues, 2);
    add_window(net, pak, rus, 0, 0, "tass-0210", 4, "Officials from Pakistan met Russian counterparts.", NULL, 0);
    add_directed(net, pak, chn, +1, -1, 1, "dawn/2024-01-05", 7,
                 "Pakistan accused China of dumping steel, officials said.", accused, 1);
    add_window(net, rus, usa, +1, 1, "reuters-1", 2, "Russia and the United States agreed to talks.", agreed, 2);
    add_directed(net, usa, rus, +1, -1, 0, "reuters-1", 5, "The United States condemned Russia over the strike.",
                 condemned, 1);
    return net;
}

/* Renders @net with @fmt (a format name) into a malloc'd string. */
static char *render(const ag_network *net, const char *fmt, const ag_export_options *opt)
{
    const ag_format *f = ag_export_find(fmt);
    cr_assert(f, "format %s", fmt);
    ag_sink *sink = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    ag_status st = f->write(net, opt, sink, &err);
    cr_assert_eq(st, AG_OK, "%s: %s", fmt, err.message);
    size_t len = 0;
    const char *data = ag_sink_data(sink, &len);
    cr_assert(data);
    cr_assert_eq(strlen(data), len, "no NUL inside the output");
    char *copy = strdup(data);
    ag_sink_abort(&sink);
    cr_assert_null(sink);
    return copy;
}

/* Replaces every @from in @s by @to (malloc'd result; @s is freed). */
static char *replace_all(char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = strstr(s, from); p; p = strstr(p + fl, from))
        n++;
    char *out = malloc(strlen(s) + n * tl + 1), *o = out;
    cr_assert(out);
    const char *p = s, *q;
    while ((q = strstr(p, from))) {
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, tl);
        o += tl;
        p = q + fl;
    }
    strcpy(o, p);
    free(s);
    return out;
}

/* Versions vary between builds and machines: golden files say VERSION. */
static char *normalise(char *s)
{
    s = replace_all(s, "actorgraph " AG_VERSION, "actorgraph VERSION");
    const char *gv = "graphviz version ";
    char *p = strstr(s, gv);
    if (p) {
        p += strlen(gv);
        size_t n = strcspn(p, "\n");
        char *ver = strndup(p, n);
        char *with = malloc(strlen(gv) + n + 1);
        sprintf(with, "%s%s", gv, ver);
        s = replace_all(s, with, "graphviz version VERSION");
        free(ver);
        free(with);
    }
    return s;
}

static void check_golden(const char *name, const char *actual)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s", AG_SOURCE_DIR, name);
    const char *update = getenv("AG_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        cr_assert_eq(ag_t_write_file(path, actual, strlen(actual)), 0, "cannot write %s", path);
        return;
    }
    char *expected = ag_t_read_file(path, NULL);
    cr_assert(expected, "missing %s (create it with AG_UPDATE_GOLDEN=1)", path);
    if (strcmp(expected, actual) != 0) {
        /* Point at the first line that differs rather than dumping both files. */
        size_t line = 1, i = 0;
        while (expected[i] && expected[i] == actual[i]) {
            if (expected[i] == '\n')
                line++;
            i++;
        }
        const char *e = expected + i, *a = actual + i;
        while (e > expected && e[-1] != '\n') {
            e--;
            a--;
        }
        cr_assert_fail("%s differs from the output at line %zu:\n  golden: %.*s\n  output: %.*s\n"
                       "(after an intended change: AG_UPDATE_GOLDEN=1)",
                       path, line, (int)strcspn(e, "\n"), e, (int)strcspn(a, "\n"), a);
    }
    free(expected);
}

static void remove_dir(char *dir);

/* Bytes written by a writer (PNG and PDF hold NULs). */
typedef struct bytes {
    char *data;
    size_t len;
} bytes;

/* Renders @net with @fmt into malloc'd bytes; the writer must succeed. */
static bytes render_bytes(const ag_network *net, const char *fmt, const ag_export_options *opt)
{
    const ag_format *f = ag_export_find(fmt);
    cr_assert(f, "format %s", fmt);
    ag_sink *sink = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    ag_status st = f->write(net, opt, sink, &err);
    cr_assert_eq(st, AG_OK, "%s: %s", fmt, err.message);
    bytes b = {NULL, 0};
    const char *data = ag_sink_data(sink, &b.len);
    cr_assert(data);
    b.data = malloc(b.len + 1);
    cr_assert(b.data);
    memcpy(b.data, data, b.len + 1);
    ag_sink_abort(&sink);
    return b;
}

/* Offset of @needle in @hay (binary), or -1. */
static long find_bytes(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return (long)i;
    return -1;
}

/* cairo writes its version into the PDF: `/Producer (cairo 1.16.0 (https://...))`. */
static void normalise_pdf(bytes *b)
{
    const char *key = "/Producer (cairo ";
    long at = find_bytes(b->data, b->len, key);
    if (at < 0)
        return;
    size_t from = (size_t)at + strlen(key), to = from;
    while (to < b->len && b->data[to] != ' ' && b->data[to] != ')')
        to++;
    const char *with = "VERSION";
    size_t wl = strlen(with), len = b->len - (to - from) + wl;
    char *out = malloc(len + 1);
    cr_assert(out);
    memcpy(out, b->data, from);
    memcpy(out + from, with, wl);
    memcpy(out + from + wl, b->data + to, b->len - to + 1);
    free(b->data);
    b->data = out;
    b->len = len;
}

static void check_golden_bytes(const char *name, const bytes *actual)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s", AG_SOURCE_DIR, name);
    const char *update = getenv("AG_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        cr_assert_eq(ag_t_write_file(path, actual->data, actual->len), 0, "cannot write %s", path);
        return;
    }
    size_t len = 0;
    char *expected = ag_t_read_file(path, &len);
    cr_assert(expected, "missing %s (create it with AG_UPDATE_GOLDEN=1)", path);
    size_t i = 0;
    while (i < len && i < actual->len && expected[i] == actual->data[i])
        i++;
    cr_expect(i == len && len == actual->len,
              "%s differs from the output at byte %zu (golden %zu bytes, output %zu); after an intended "
              "change, or on another cairo/pango/font build: AG_UPDATE_GOLDEN=1",
              path, i, len, actual->len);
    free(expected);
}

/* The small network's title: HTML-like label escaping and non-ASCII in every diagram. */
#define SMALL_TITLE "Small & <test> \xE2\x80\x9Cnetwork\xE2\x80\x9D"

/* ------------------------------------------------------------ format table */

Test(export, formats_table)
{
    size_t n = 0;
    const ag_format *f = ag_export_formats(&n);
    const char *names[] = {"json", "dot", "svg", "png", "pdf", "graphml", "gexf", "csv", "html"};
    const ag_export_fn writers[] = {ag_export_json, ag_export_dot,     ag_export_svg,  ag_export_png, ag_export_pdf,
                                    ag_export_graphml, ag_export_gexf, ag_export_csv, ag_export_html};
    cr_assert_eq(n, 9);
    for (size_t i = 0; i < n; i++) {
        cr_expect_str_eq(f[i].name, names[i]);
        cr_expect_str_eq(f[i].extension, names[i], "the extension is the name");
        cr_expect_eq(f[i].write, writers[i], "%s", names[i]);
        cr_expect_eq(ag_export_find(names[i]), &f[i]);
        cr_expect_eq(f[i].extra != NULL, strcmp(names[i], "csv") == 0, "only csv has an extra file");
    }
    /* csv writes the edges as PREFIX.csv and brings the nodes as PREFIX.nodes.csv. */
    const ag_format *nodes = ag_export_find("csv-nodes");
    cr_assert(nodes);
    cr_assert_eq(ag_export_find("csv")->extra, nodes);
    cr_assert_str_eq(nodes->extension, "nodes.csv");
    cr_assert_eq(nodes->write, ag_export_csv_nodes);
    cr_assert_null(nodes->extra);
    cr_assert_null(ag_export_find("all"), "all is the CLI's word, not a format");
    cr_assert_null(ag_export_find("jpg"));
    cr_assert_null(ag_export_find("PNG"));
    cr_assert_null(ag_export_find(""));
    cr_assert_null(ag_export_find(NULL));
    ag_export_options opt;
    memset(&opt, 0xff, sizeof opt);
    ag_export_options_init(&opt);
    cr_assert_null(opt.title);
    cr_assert_str_eq(opt.layout, "neato");
    cr_assert_eq(opt.directed, 0);
}

Test(export, decimal_format)
{
    char buf[AG_I_DECIMAL_MAX];
    struct {
        double v;
        int d;
        const char *want;
    } cases[] = {
        {0.0, 4, "0.0"},        {1.0, 4, "1.0"},    {-1.0, 4, "-1.0"},      {0.5, 4, "0.5"},
        {2.0 / 3.0, 4, "0.6667"}, {-1.0 / 3.0, 4, "-0.3333"}, {-0.00001, 4, "0.0"}, {NAN, 4, "0.0"},
        {INFINITY, 4, "0.0"},   {1.006, 2, "1.01"}, {12.0, 0, "12.0"},      {3.14159, 1, "3.1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ag_i_format_decimal(cases[i].v, cases[i].d, buf);
        cr_expect_str_eq(buf, cases[i].want, "case %zu", i);
    }
    cr_expect_eq(ag_i_round_decimal(NAN, 4), 0.0);
    cr_expect(!signbit(ag_i_round_decimal(-0.00001, 4)));
}

/* ------------------------------------------------------------ golden files */

Test(export, golden_json)
{
    ag_network *net = small_network();
    char *out = normalise(render(net, "json", NULL));
    check_golden("small.json", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_dot)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = SMALL_TITLE;
    char *out = normalise(render(net, "dot", &opt));
    check_golden("small.dot", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_svg)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = SMALL_TITLE;
    char *out = normalise(render(net, "svg", &opt));
    check_golden("small.svg", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_graphml)
{
    ag_network *net = small_network();
    char *out = normalise(render(net, "graphml", NULL));
    check_golden("small.graphml", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_gexf)
{
    ag_network *net = small_network();
    char *out = normalise(render(net, "gexf", NULL));
    check_golden("small.gexf", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_csv)
{
    ag_network *net = small_network();
    char *edges = render(net, "csv", NULL), *nodes = render(net, "csv-nodes", NULL);
    check_golden("small.csv", edges);
    check_golden("small.nodes.csv", nodes);
    free(edges);
    free(nodes);
    ag_network_free(&net);
}

Test(export, golden_png)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = SMALL_TITLE;
    bytes png = render_bytes(net, "png", &opt);
    check_golden_bytes("small.png", &png);
    free(png.data);
    ag_network_free(&net);
}

Test(export, golden_pdf)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = SMALL_TITLE;
    bytes pdf = render_bytes(net, "pdf", &opt);
    normalise_pdf(&pdf);
    check_golden_bytes("small.pdf", &pdf);
    free(pdf.data);
    ag_network_free(&net);
}

Test(export, deterministic)
{
    size_t n = 0;
    const ag_format *f = ag_export_formats(&n);
    for (size_t i = 0; i <= n; i++) {
        const char *name = i < n ? f[i].name : "csv-nodes";
        ag_network *a = small_network(), *b = small_network();
        bytes x = render_bytes(a, name, NULL), y = render_bytes(b, name, NULL), z = render_bytes(a, name, NULL);
        cr_expect(x.len == y.len && memcmp(x.data, y.data, x.len) == 0, "%s differs between equal networks", name);
        cr_expect(x.len == z.len && memcmp(x.data, z.data, x.len) == 0, "%s differs between two runs", name);
        free(x.data);
        free(y.data);
        free(z.data);
        ag_network_free(&a);
        ag_network_free(&b);
    }
}

/* ------------------------------------------------------------------ JSON */

Test(export, json_parses_back)
{
    ag_network *net = small_network();
    char *out = render(net, "json", NULL);
    cr_assert(strstr(out, "NaN") == NULL && strstr(out, "Infinity") == NULL);
    cr_assert_eq(out[strlen(out) - 1], '\n', "ends with a newline");
    cr_assert(strstr(out, "\\/") == NULL, "slashes are not escaped");
    json_object *root = json_tokener_parse(out);
    cr_assert(root, "valid JSON");
    json_object *v;
    cr_assert(json_object_object_get_ex(root, "directed", &v) && !json_object_get_boolean(v));
    cr_assert(json_object_object_get_ex(root, "multigraph", &v) && !json_object_get_boolean(v));
    json_object *graph, *nodes, *links;
    cr_assert(json_object_object_get_ex(root, "graph", &graph));
    cr_assert(json_object_object_get_ex(graph, "schema", &v) && json_object_get_int(v) == AG_NETWORK_SCHEMA);
    cr_assert(json_object_object_get_ex(graph, "date_min", &v));
    cr_assert_str_eq(json_object_get_string(v), "2024-01-05");
    cr_assert(json_object_object_get_ex(root, "nodes", &nodes));
    cr_assert(json_object_object_get_ex(root, "links", &links));
    /* IS has no mentions: not written. */
    cr_assert_eq(json_object_array_length(nodes), 4);
    const char *order[] = {"China", "Pakistan", "Russia", "USA"};
    for (size_t i = 0; i < 4; i++) {
        json_object *n = json_object_array_get_idx(nodes, i);
        cr_assert(json_object_object_get_ex(n, "id", &v));
        cr_expect_str_eq(json_object_get_string(v), order[i]);
    }
    cr_assert_eq(json_object_array_length(links), 3);
    for (size_t i = 0; i < 3; i++) {
        json_object *l = json_object_array_get_idx(links, i);
        cr_assert(json_object_object_get_ex(l, "stance", &v));
        double s = json_object_get_double(v);
        cr_expect(isfinite(s) && s >= -1 && s <= 1);
        cr_assert(json_object_object_get_ex(l, "weight", &v) && json_object_is_type(v, json_type_int));
    }
    /* Pakistan--Russia: both directions, evidence text survives as is. */
    json_object *pr = json_object_array_get_idx(links, 1), *dirs, *ev;
    cr_assert(json_object_object_get_ex(pr, "id", &v));
    cr_assert_str_eq(json_object_get_string(v), "Pakistan--Russia");
    cr_assert(json_object_object_get_ex(pr, "directions", &dirs));
    cr_assert_eq(json_object_array_length(dirs), 2);
    cr_assert(json_object_object_get_ex(pr, "evidence", &ev));
    cr_assert(json_object_object_get_ex(json_object_array_get_idx(ev, 0), "text", &v));
    cr_assert_str_eq(json_object_get_string(v),
                     "Pakistan and Russia signed a \"strategic\" pact on energy & trade <in Moscow>.");
    json_object_put(root);
    free(out);
    ag_network_free(&net);
}

Test(export, json_repairs_invalid_utf8)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    size_t a = add_node(net, "A\xFF", "bad \xC3 label", NULL, NULL);
    size_t b = add_node(net, "B", NULL, NULL, NULL);
    ag_i_network_add_mentions(net, a, 1, 1);
    ag_i_network_add_mentions(net, b, 1, 1);
    add_window(net, a, b, 0, 1, "d", 1, "bytes \xED\xA0\x80 and \x01 control", NULL, 0);
    char *out = render(net, "json", NULL);
    json_object *root = json_tokener_parse(out);
    cr_assert(root, "valid JSON: %s", out);
    cr_assert(strstr(out, "A\xEF\xBF\xBD") != NULL, "U+FFFD for the bad byte");
    cr_assert(strstr(out, "\\u0001") != NULL, "control characters escaped");
    json_object_put(root);
    free(out);
    ag_network_free(&net);
}

/* -------------------------------------------------------- escaping in DOT */

/* Names cgraph must quote or that once broke its output. */
static const char *const tricky[] = {
    "node", "edge", "graph", "strict", "subgraph", "Digraph", "say \"hi\"", "back\\slash", "trail\\",
    "q\\\"q", "<html>", "a&b", "Z\xC3\xBCrich", "-1.5", "x y", "label\\N",
};
#define N_TRICKY (sizeof tricky / sizeof tricky[0])

static ag_network *tricky_network(void)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    size_t hub = add_node(net, "hub", "Hub \\N \"<&>\"", NULL, NULL);
    ag_i_network_add_mentions(net, hub, 1, 1);
    for (size_t i = 0; i < N_TRICKY; i++) {
        size_t n = add_node(net, tricky[i], tricky[i], tricky[i], NULL);
        ag_i_network_add_mentions(net, n, 1, 1);
        add_window(net, hub, n, (int)(i % 3) - 1, 1, tricky[i], i + 1, tricky[i], NULL, 0);
    }
    return net;
}

/* The name cgraph reads back: backslashes are doubled on the way out. */
static char *gv_name(const char *id)
{
    char *out = malloc(2 * strlen(id) + 1), *o = out;
    for (; *id; id++) {
        if (*id == '\\')
            *o++ = '\\';
        *o++ = *id;
    }
    *o = '\0';
    return out;
}

Test(export, dot_escaping_round_trips)
{
    ag_network *net = tricky_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = "T \\ \" < & >";
    char *out = render(net, "dot", &opt);
    Agraph_t *g = agmemread(out);
    cr_assert(g, "cgraph parses the DOT:\n%s", out);
    cr_assert_eq(agnnodes(g), (int)N_TRICKY + 1);
    cr_assert_eq(agnedges(g), (int)N_TRICKY);
    for (size_t i = 0; i < N_TRICKY; i++) {
        char *name = gv_name(tricky[i]);
        Agnode_t *n = agnode(g, name, 0);
        cr_expect(n, "node %s is there", tricky[i]);
        if (n)
            cr_expect_str_eq(agget(n, "label"), name, "label of %s", tricky[i]);
        free(name);
    }
    agclose(g);
    free(out);
    /* The Graphviz command line reads it too, when it is installed. */
    if (access("/usr/bin/dot", X_OK) == 0) {
        char dir[] = "/tmp/agdot.XXXXXX";
        cr_assert(mkdtemp(dir));
        char path[256], cmd[512];
        snprintf(path, sizeof path, "%s/t.dot", dir);
        char *again = render(net, "dot", &opt);
        cr_assert_eq(ag_t_write_file(path, again, strlen(again)), 0);
        snprintf(cmd, sizeof cmd, "dot -Tcanon %s >/dev/null", path);
        char *err = NULL;
        cr_expect_eq(ag_t_run(cmd, NULL, &err), 0, "dot -Tcanon: %s", err ? err : "");
        cr_expect(!err || !*err, "no Graphviz warnings: %s", err);
        free(err);
        free(again);
        unlink(path);
        rmdir(dir);
    }
    ag_network_free(&net);
}

Test(export, svg_escaping)
{
    ag_network *net = tricky_network();
    char *out = render(net, "svg", NULL);
    cr_assert(strstr(out, "<svg") && strstr(out, "</svg>"));
    cr_assert(strstr(out, "Z\xC3\xBC" "rich") != NULL, "non-ASCII kept");
    cr_assert(strstr(out, "&lt;html&gt;") != NULL);
    if (access("/usr/bin/xmllint", X_OK) == 0) {
        char dir[] = "/tmp/agsvg.XXXXXX";
        cr_assert(mkdtemp(dir));
        char path[256], cmd[512];
        snprintf(path, sizeof path, "%s/t.svg", dir);
        cr_assert_eq(ag_t_write_file(path, out, strlen(out)), 0);
        snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s", path);
        char *err = NULL;
        cr_expect_eq(ag_t_run(cmd, NULL, &err), 0, "xmllint: %s", err ? err : "");
        free(err);
        unlink(path);
        rmdir(dir);
    }
    free(out);
    ag_network_free(&net);
}

Test(export, dot_directed)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.directed = 1;
    char *out = render(net, "dot", &opt);
    cr_assert(strncmp(out, "digraph", 7) == 0, "%s", out);
    cr_expect(strstr(out, "dir=both") != NULL, "Pakistan--Russia went both ways");
    cr_expect(strstr(out, "dir=back") != NULL, "USA -> Russia is against the edge's order");
    cr_expect(strstr(out, "arrowsize=0.6") != NULL, "arrowheads kept in proportion to wide edges");
    cr_expect(strstr(out, "arrows: directed observations") != NULL, "the legend says what arrows mean");
    Agraph_t *g = agmemread(out);
    cr_assert(g);
    cr_expect_eq(agnedges(g), 3);
    agclose(g);
    free(out);
    ag_network_free(&net);
}

/* ------------------------------------------- GraphML, GEXF, CSV: escaping */

/* The DOT names plus what XML and CSV must take care of: apostrophes, tab, LF, CR,
 * a control character (not allowed in XML 1.0), U+FFFE (not an XML character),
 * commas, spaces at the ends, a spreadsheet formula. */
static const char *const xml_tricky[] = {
    "apos'trophe", "tab\there", "new\nline", "cr\rhere", "ctrl\001char", "nonchar \xEF\xBF\xBE",
    "comma,sep", " lead space", "=SUM(A1)", "\xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x8C\x8D",
};
#define N_XML_TRICKY (sizeof xml_tricky / sizeof xml_tricky[0])

/* A hub linked to every tricky name (ids = labels = groups = evidence text). */
static ag_network *attr_tricky_network(void)
{
    ag_network *net = tricky_network();
    size_t hub = 0;
    cr_assert(ag_i_network_find_id(net, "hub", &hub));
    for (size_t i = 0; i < N_XML_TRICKY; i++) {
        size_t n = add_node(net, xml_tricky[i], xml_tricky[i], xml_tricky[i], NULL);
        ag_i_network_add_mentions(net, n, 1, 1);
        add_window(net, hub, n, (int)(i % 3) - 1, 1, xml_tricky[i], i + 1, xml_tricky[i], NULL, 0);
    }
    return net;
}

/* Writes @data to DIR/NAME; returns the malloc'd path. */
static char *write_temp(const char *dir, const char *name, const char *data, size_t len)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    cr_assert(path);
    sprintf(path, "%s/%s", dir, name);
    cr_assert_eq(ag_t_write_file(path, data, len), 0);
    return path;
}

static int have_networkx(void)
{
    return access("/usr/bin/python3", X_OK) == 0 &&
           ag_t_run("/usr/bin/python3 -c 'import networkx'", NULL, NULL) == 0;
}

/* Reads the files back with networkx and Python's csv module and compares every
 * node id, label and group, every edge's ends and its first evidence sentence
 * with what went in: XML turns control characters into spaces and U+FFFE into
 * U+FFFD, and keeps tab, LF and CR; CSV keeps everything. */
static const char roundtrip_py[] =
    "import csv, json, sys\n"
    "import networkx as nx\n"
    "kind, path, spec = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding='utf-8'))\n"
    "def xml(s):\n"
    "    return ''.join(' ' if (ord(c) < 32 and c not in '\\t\\n\\r') or c == '\\x7f' else\n"
    "                   '\\ufffd' if c in '\\ufffe\\uffff' else c for c in s)\n"
    "conv = xml if kind in ('graphml', 'gexf') else (lambda s: s)\n"
    "want_nodes = {conv(n['id']): (conv(n['label']), conv(n['group']) if n['group'] else None) for n in spec['nodes']}\n"
    "# evidence is JSON inside: control characters are JSON escapes, only U+FFFE/U+FFFF change in XML\n"
    "ev = (lambda s: s.replace('\\ufffe', '\\ufffd').replace('\\uffff', '\\ufffd')) if conv is xml else conv\n"
    "want_edges = {(conv(s), conv(t)): ev(e) for s, t, e in spec['edges']}\n"
    "if kind == 'csv':\n"
    "    with open(path, newline='', encoding='utf-8') as f:\n"
    "        raw = f.read()\n"
    "    assert raw.endswith('\\r\\n'), 'records end in CRLF'\n"
    "    with open(path, newline='', encoding='utf-8') as f:\n"
    "        edges = list(csv.DictReader(f))\n"
    "    with open(sys.argv[4], newline='', encoding='utf-8') as f:\n"
    "        nodes = list(csv.DictReader(f))\n"
    "    got_nodes = {r['id']: (r['label'], r['group'] or None) for r in nodes}\n"
    "    got_edges = {(r['source'], r['target']): json.loads(r['evidence'])[0]['text'] for r in edges}\n"
    "    assert all(r['id'] == r['source'] + '--' + r['target'] for r in edges)\n"
    "else:\n"
    "    G = nx.read_graphml(path) if kind == 'graphml' else nx.read_gexf(path)\n"
    "    assert not G.is_directed() and not G.is_multigraph()\n"
    "    got_nodes = {n: (d['label'], d.get('group')) for n, d in G.nodes(data=True)}\n"
    "    got_edges = {}\n"
    "    for s, t, d in G.edges(data=True):\n"
    "        s, t = (s, t) if (s, t) in want_edges else (t, s)\n"
    "        got_edges[(s, t)] = json.loads(d['evidence'])[0]['text']\n"
    "        assert isinstance(d['directed'], bool) and isinstance(d['weight'], (int, float))\n"
    "if got_nodes != want_nodes:\n"
    "    sys.exit('nodes differ: ' + repr(sorted(set(got_nodes.items()) ^ set(want_nodes.items()))))\n"
    "if got_edges != want_edges:\n"
    "    sys.exit('edges differ: ' + repr(sorted(set(got_edges.items()) ^ set(want_edges.items()))))\n"
    "print('ok', len(got_nodes), len(got_edges))\n";

/* spec.json: the shown nodes (id, label, group) and edges (source, target, first evidence). */
static char *roundtrip_spec(const ag_network *net)
{
    json_object *root = json_object_new_object(), *nodes = json_object_new_array(), *edges = json_object_new_array();
    for (size_t i = 0; i < ag_network_node_count(net); i++) {
        const ag_node_info *n = ag_network_node(net, i);
        if (n->mentions == 0)
            continue;
        json_object *o = json_object_new_object();
        json_object_object_add(o, "id", json_object_new_string(n->id));
        json_object_object_add(o, "label", json_object_new_string(n->label ? n->label : n->id));
        json_object_object_add(o, "group", n->group ? json_object_new_string(n->group) : NULL);
        json_object_array_add(nodes, o);
    }
    for (size_t i = 0; i < ag_network_edge_count(net); i++) {
        const ag_edge_info *e = ag_network_edge(net, i);
        json_object *o = json_object_new_array();
        json_object_array_add(o, json_object_new_string(ag_network_node(net, e->source)->id));
        json_object_array_add(o, json_object_new_string(ag_network_node(net, e->target)->id));
        json_object_array_add(o, json_object_new_string(e->evidence[0].text));
        json_object_array_add(edges, o);
    }
    json_object_object_add(root, "nodes", nodes);
    json_object_object_add(root, "edges", edges);
    char *text = strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN));
    json_object_put(root);
    return text;
}

static void roundtrip(const char *kind, const char *file, const char *file2, const char *spec, const char *script)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s %s %s %s", script, kind, file, spec, file2 ? file2 : "");
    char *out = NULL, *err = NULL;
    int rc = ag_t_run(cmd, &out, &err);
    cr_expect_eq(rc, 0, "%s round trip: %s%s", kind, out ? out : "", err ? err : "");
    free(out);
    free(err);
}

static void xmllint_ok(const char *path)
{
    if (access("/usr/bin/xmllint", X_OK) != 0)
        return;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s", path);
    char *err = NULL;
    cr_expect_eq(ag_t_run(cmd, NULL, &err), 0, "xmllint %s: %s", path, err ? err : "");
    free(err);
}

Test(export, attribute_formats_escaping)
{
    ag_network *net = attr_tricky_network();
    char *graphml = render(net, "graphml", NULL), *gexf = render(net, "gexf", NULL);
    char *csv = render(net, "csv", NULL), *nodes = render(net, "csv-nodes", NULL);
    /* What the bytes must look like, whatever reads them. */
    cr_expect(strstr(graphml, "<node id=\"say &quot;hi&quot;\">") != NULL);
    cr_expect(strstr(graphml, "<node id=\"&lt;html&gt;\">") != NULL);
    cr_expect(strstr(graphml, "<node id=\"a&amp;b\">") != NULL);
    cr_expect(strstr(graphml, "<node id=\"apos&apos;trophe\">") != NULL);
    cr_expect(strstr(graphml, "<node id=\"new&#10;line\">") != NULL, "LF survives attribute normalisation");
    cr_expect(strstr(graphml, "<node id=\"tab&#9;here\">") != NULL);
    cr_expect(strstr(graphml, "<node id=\"cr&#13;here\">") != NULL);
    cr_expect(strstr(graphml, "<node id=\"ctrl char\">") != NULL, "no control character in XML");
    cr_expect(strstr(graphml, "nonchar \xEF\xBF\xBD") != NULL && strstr(graphml, "\xEF\xBF\xBE") == NULL,
              "U+FFFE is not an XML character");
    cr_expect(strstr(graphml, "<node id=\"back\\slash\">") != NULL, "a backslash is nothing special in XML");
    cr_expect(strstr(graphml, "Z\xC3\xBCrich") != NULL, "UTF-8 kept as is");
    cr_expect(strstr(gexf, "<node id=\"q\\&quot;q\" label=\"q\\&quot;q\">") != NULL);
    cr_expect(strstr(gexf, "<node id=\"node\" label=\"node\">") != NULL, "DOT keywords are plain ids");
    cr_expect(strstr(csv, "hub,\"say \"\"hi\"\"\",\"hub--say \"\"hi\"\"\",") != NULL, "%s", csv);
    cr_expect(strstr(csv, "\"comma,sep\",hub,\"comma,sep--hub\",") != NULL, "source sorts first");
    cr_expect(strstr(csv, "hub,\"new\nline\",") != NULL, "LF inside quotes");
    cr_expect(strstr(csv, "\r\n\" lead space\",hub,\" lead space--hub\",") != NULL);
    cr_expect(strstr(csv, "\r\n=SUM(A1),hub,=SUM(A1)--hub,") != NULL, "data is not rewritten");
    cr_expect(strstr(nodes, "\r\n\"say \"\"hi\"\"\",\"say \"\"hi\"\"\",\"say \"\"hi\"\"\",,1,1,1,1\r\n") != NULL,
              "%s", nodes);
    /* And what the real readers make of them. */
    char *dir = ag_t_tempdir();
    char *pg = write_temp(dir, "t.graphml", graphml, strlen(graphml));
    char *px = write_temp(dir, "t.gexf", gexf, strlen(gexf));
    char *pc = write_temp(dir, "t.csv", csv, strlen(csv));
    char *pn = write_temp(dir, "t.nodes.csv", nodes, strlen(nodes));
    char *specs = roundtrip_spec(net);
    char *ps = write_temp(dir, "spec.json", specs, strlen(specs));
    char *py = write_temp(dir, "roundtrip.py", roundtrip_py, strlen(roundtrip_py));
    xmllint_ok(pg);
    xmllint_ok(px);
    if (access("/usr/bin/python3", X_OK) == 0)
        roundtrip("csv", pc, pn, ps, py);
    if (have_networkx()) {
        roundtrip("graphml", pg, NULL, ps, py);
        roundtrip("gexf", px, NULL, ps, py);
    } else {
        cr_log_warn("python3-networkx not installed: GraphML/GEXF not read back");
    }
    free(pg);
    free(px);
    free(pc);
    free(pn);
    free(ps);
    free(py);
    free(specs);
    remove_dir(dir);
    free(graphml);
    free(gexf);
    free(csv);
    free(nodes);
    ag_network_free(&net);
}

Test(export, graphml_declares_every_key)
{
    ag_network *net = small_network();
    char *out = render(net, "graphml", NULL);
    const char *graph = strstr(out, "<graph ");
    cr_assert(graph);
    cr_expect(strstr(out, "<graph id=\"actorgraph\" edgedefault=\"undirected\">") != NULL);
    cr_expect(strstr(out, " directed=") == NULL, "no per-edge directedness");
    /* Every <data key="K"> has a <key id="K"> before <graph>. */
    for (const char *p = strstr(out, "<data key=\""); p; p = strstr(p + 1, "<data key=\"")) {
        const char *k = p + strlen("<data key=\"");
        char want[128];
        snprintf(want, sizeof want, "<key id=\"%.*s\"", (int)strcspn(k, "\""), k);
        const char *decl = strstr(out, want);
        cr_expect(decl && decl < graph, "%s declared before <graph>", want);
    }
    cr_expect(strstr(out, "<key id=\"e_directed\" for=\"edge\" attr.name=\"directed\" attr.type=\"boolean\">") != NULL);
    cr_expect(strstr(out, "<key id=\"e_stance\" for=\"edge\" attr.name=\"stance\" attr.type=\"double\">") != NULL);
    /* Pakistan--Russia: directed both ways; evidence is a JSON string. */
    const char *pr = strstr(out, "<edge id=\"Pakistan--Russia\" source=\"Pakistan\" target=\"Russia\">");
    cr_assert(pr);
    cr_expect(strstr(pr, "<data key=\"e_directed\">true</data>") != NULL);
    cr_expect(strstr(pr, "<data key=\"e_evidence\">[{&quot;doc&quot;:&quot;dawn/2024-01-05&quot;") != NULL);
    free(out);
    ag_network_free(&net);
}

Test(export, gexf_namespace_and_weight)
{
    ag_network *net = small_network();
    char *out = render(net, "gexf", NULL);
    cr_expect(strstr(out, "<gexf xmlns=\"http://www.gexf.net/1.2draft\"") != NULL, "1.2draft namespace");
    cr_expect(strstr(out, "version=\"1.2\"") != NULL);
    cr_expect(strstr(out, "defaultedgetype=\"undirected\"") != NULL);
    cr_expect(strstr(out, "lastmodifieddate") == NULL, "no date: the same network gives the same file");
    cr_expect(strstr(out, "<edge id=\"Pakistan--Russia\" source=\"Pakistan\" target=\"Russia\" weight=\"3\">") != NULL);
    cr_expect(strstr(out, "<attvalue for=\"stance\" value=\"0.6667\"/>") != NULL);
    cr_expect(strstr(out, "<attribute id=\"weight\"") == NULL, "weight is the edge's XML attribute");
    /* Every attvalue's `for` is declared. */
    for (const char *p = strstr(out, "<attvalue for=\""); p; p = strstr(p + 1, "<attvalue for=\"")) {
        const char *k = p + strlen("<attvalue for=\"");
        char want[128];
        snprintf(want, sizeof want, "<attribute id=\"%.*s\"", (int)strcspn(k, "\""), k);
        cr_expect(strstr(out, want) != NULL, "%s declared", want);
    }
    free(out);
    ag_network_free(&net);
}

/* graph.dedup and graph.folded: in GraphML and GEXF only for `corpus`, as in the JSON
 * (the default mode writes the files of the goldens above). */
static const char dedup_py[] =
    "import json, sys\n"
    "import networkx as nx\n"
    "g = json.load(open(sys.argv[1], encoding='utf-8'))['graph']\n"
    "G = nx.read_graphml(sys.argv[2])\n"
    "assert (G.graph['dedup'], G.graph['folded']) == (g['dedup'], g['folded']) == ('corpus', 12), (G.graph, g)\n"
    "assert G.graph['sentences'] == g['sentences'] and G.graph['evidence_cap'] == g['evidence_cap']\n"
    "nx.read_gexf(sys.argv[3])\n";

Test(export, graph_dedup_only_for_corpus)
{
    ag_network *net = small_network();
    char *graphml = render(net, "graphml", NULL), *gexf = render(net, "gexf", NULL);
    cr_expect(strstr(graphml, "dedup") == NULL && strstr(graphml, "folded") == NULL, "document: no dedup keys");
    cr_expect(strstr(gexf, "dedup") == NULL && strstr(gexf, "folded") == NULL, "document: no dedup in <meta>");
    free(graphml);
    free(gexf);

    ag_i_network_set_dedup(net, 1);
    ag_i_network_add_folded(net, 12);
    graphml = render(net, "graphml", NULL);
    gexf = render(net, "gexf", NULL);
    char *json = render(net, "json", NULL);
    const char *graph = strstr(graphml, "<graph ");
    cr_assert(graph);
    const char *kd = strstr(graphml, "<key id=\"g_dedup\" for=\"graph\" attr.name=\"dedup\" attr.type=\"string\">");
    const char *kf = strstr(graphml, "<key id=\"g_folded\" for=\"graph\" attr.name=\"folded\" attr.type=\"long\">");
    cr_expect(kd && kf && kd < kf && kf < graph, "dedup and folded declared before <graph>");
    cr_expect(strstr(graph, "<data key=\"g_evidence_cap\">3</data>\n    <data key=\"g_dedup\">corpus</data>\n"
                            "    <data key=\"g_folded\">12</data>\n    <data key=\"g_date_min\">") != NULL,
              "after evidence_cap, as in the JSON: %s", graph);
    cr_expect(strstr(gexf, "; evidence cap: 3; dedup: corpus; folded: 12; schema 1</description>") != NULL, "%s",
              gexf);
    cr_expect(strstr(json, "\"dedup\": \"corpus\"") != NULL && strstr(json, "\"folded\": 12") != NULL);
    char *dir = ag_t_tempdir();
    char *pj = write_temp(dir, "t.json", json, strlen(json));
    char *pg = write_temp(dir, "t.graphml", graphml, strlen(graphml));
    char *px = write_temp(dir, "t.gexf", gexf, strlen(gexf));
    char *py = write_temp(dir, "dedup.py", dedup_py, strlen(dedup_py));
    xmllint_ok(pg);
    xmllint_ok(px);
    if (have_networkx()) {
        char cmd[8192], *err = NULL;
        snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s %s %s", py, pj, pg, px);
        cr_expect_eq(ag_t_run(cmd, NULL, &err), 0, "networkx: %s", err ? err : "");
        free(err);
    } else {
        cr_log_warn("python3-networkx not installed: GraphML/GEXF not read back");
    }
    free(pj);
    free(pg);
    free(px);
    free(py);
    remove_dir(dir);
    free(json);
    free(graphml);
    free(gexf);
    ag_network_free(&net);
}

/* ------------------------------------------------------------ PNG and PDF */

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

Test(export, png_and_pdf)
{
    ag_network *net = small_network();
    char *svg = render(net, "svg", NULL);
    bytes png = render_bytes(net, "png", NULL), pdf = render_bytes(net, "pdf", NULL);
    /* The SVG's size in points: the PDF page has it, the PNG is 192 dpi. */
    double w = 0, h = 0;
    const char *size = strstr(svg, "<svg width=\"");
    cr_assert(size && sscanf(size, "<svg width=\"%lfpt\" height=\"%lfpt\"", &w, &h) == 2, "%s", svg);
    cr_assert_eq(png.len > 33 && memcmp(png.data, "\x89PNG\r\n\x1a\n", 8), 0, "PNG signature");
    const unsigned char *ihdr = (const unsigned char *)png.data + 8;
    cr_assert_eq(memcmp(ihdr + 4, "IHDR", 4), 0);
    cr_expect(fabs(be32(ihdr + 8) - w * 192.0 / 72.0) <= 3.0, "PNG width %u for %.0fpt", be32(ihdr + 8), w);
    cr_expect(fabs(be32(ihdr + 12) - h * 192.0 / 72.0) <= 3.0, "PNG height %u for %.0fpt", be32(ihdr + 12), h);
    cr_expect_eq(find_bytes(png.data, png.len, "tIME"), -1, "no time chunk");
    cr_assert_eq(strncmp(pdf.data, "%PDF-1.", 7), 0, "PDF header");
    cr_expect(find_bytes(pdf.data, pdf.len, "%%EOF") > 0);
    cr_expect_eq(find_bytes(pdf.data, pdf.len, "/CreationDate"), -1, "no creation date");
    cr_expect_eq(find_bytes(pdf.data, pdf.len, "/ModDate"), -1);
    cr_expect_eq(find_bytes(pdf.data, pdf.len, "(D:"), -1, "no date at all");
    cr_expect(find_bytes(pdf.data, pdf.len, "/Producer (cairo") > 0, "the Info dictionary is still there");
    char mediabox[96];
    snprintf(mediabox, sizeof mediabox, "/MediaBox [ 0 0 %.0f %.0f ]", w, h);
    cr_expect(find_bytes(pdf.data, pdf.len, mediabox) > 0, "one page of the SVG's size: %s", mediabox);
    /* The cross-reference table still points at objects: startxref names an offset holding "xref". */
    long sx = find_bytes(pdf.data, pdf.len, "startxref\n");
    cr_assert(sx > 0);
    long off = strtol(pdf.data + sx + strlen("startxref\n"), NULL, 10);
    cr_expect(off > 0 && (size_t)off + 4 < pdf.len && memcmp(pdf.data + off, "xref", 4) == 0);
    if (access("/usr/bin/pdfinfo", X_OK) == 0) {
        char *dir = ag_t_tempdir();
        char *path = write_temp(dir, "t.pdf", pdf.data, pdf.len), cmd[4200], *out = NULL, *err = NULL;
        snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
        cr_expect_eq(ag_t_run(cmd, &out, &err), 0, "pdfinfo: %s", err ? err : "");
        cr_expect(out && strstr(out, "Pages:") && strstr(out, " 1\n"), "%s", out ? out : "");
        free(out);
        free(err);
        free(path);
        remove_dir(dir);
    }
    free(svg);
    free(png.data);
    free(pdf.data);
    ag_network_free(&net);
}

/* The cairo plugin missing: GVBINDIR points Graphviz at a plugin directory
 * with the core and layout plugins only (Criterion runs each test in its own
 * process, so the one Graphviz context of this process sees only those).
 * PNG and PDF say why, write nothing, and SVG still works. */
Test(export, png_without_cairo_plugin)
{
    if (access("/usr/bin/dot", X_OK) != 0) {
        cr_log_warn("Graphviz's dot not installed: cannot make a plugin directory without cairo");
        return;
    }
    char *dir = ag_t_tempdir();
    const char *plugins[] = {"core", "neato_layout", "dot_layout"};
    char cmd[8192];
    int len = snprintf(cmd, sizeof cmd, "set -e; lib=$(dirname \"$(readlink -f \"$(ls /usr/lib/*/graphviz/libgvplugin_core.so.6 "
                                        "/usr/lib/graphviz/libgvplugin_core.so.6 2>/dev/null | head -n 1)\")\"); ");
    for (size_t i = 0; i < 3; i++)
        len += snprintf(cmd + len, sizeof cmd - (size_t)len, "ln -s \"$lib\"/libgvplugin_%s.so.6 %s/; ", plugins[i], dir);
    snprintf(cmd + len, sizeof cmd - (size_t)len, "GVBINDIR=%s dot -c", dir);
    char *err = NULL;
    cr_assert_eq(ag_t_run(cmd, NULL, &err), 0, "making the plugin directory: %s", err ? err : "");
    free(err);
    cr_assert_eq(setenv("GVBINDIR", dir, 1), 0);
    ag_network *net = small_network();
    const char *names[] = {"png", "pdf"};
    for (size_t i = 0; i < 2; i++) {
        ag_sink *sink = NULL;
        ag_error e = {0};
        cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
        cr_expect_eq(ag_export_find(names[i])->write(net, NULL, sink, &e), AG_EUNSUPPORTED, "%s", names[i]);
        char want[512];
        snprintf(want, sizeof want,
                 "%s output needs Graphviz's cairo plugin (libgvplugin_pango, in Debian's libgvc6 package; "
                 "if it is installed, register it as root with 'dot -c')",
                 i == 0 ? "PNG" : "PDF");
        cr_expect_str_eq(e.message, want);
        cr_expect_eq(ag_sink_data(sink, NULL)[0], '\0', "nothing written");
        ag_sink_abort(&sink);
    }
    char *svg = render(net, "svg", NULL);
    cr_expect(strstr(svg, "</svg>") != NULL, "SVG needs no cairo");
    free(svg);
    ag_network_free(&net);
    remove_dir(dir);
}

/* -------------------------------------------------------- empty and errors */

Test(export, empty_network)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    size_t idle = add_node(net, "idle", NULL, NULL, NULL); /* no mentions: not shown */
    (void)idle;
    char *json = render(net, "json", NULL);
    json_object *root = json_tokener_parse(json), *v;
    cr_assert(root);
    cr_assert(json_object_object_get_ex(root, "nodes", &v) && json_object_array_length(v) == 0);
    cr_assert(json_object_object_get_ex(root, "links", &v) && json_object_array_length(v) == 0);
    json_object_put(root);
    free(json);
    char *dot = render(net, "dot", NULL);
    Agraph_t *g = agmemread(dot);
    cr_assert(g, "%s", dot);
    cr_assert_eq(agnnodes(g), 0);
    agclose(g);
    free(dot);
    char *svg = render(net, "svg", NULL);
    cr_assert(strstr(svg, "<svg") && strstr(svg, "</svg>"));
    free(svg);
    char *graphml = render(net, "graphml", NULL);
    cr_expect(strstr(graphml, "<node") == NULL && strstr(graphml, "</graphml>") != NULL);
    free(graphml);
    char *gexf = render(net, "gexf", NULL);
    cr_expect(strstr(gexf, "<nodes>\n    </nodes>\n    <edges>\n    </edges>") != NULL, "%s", gexf);
    free(gexf);
    char *csv = render(net, "csv", NULL), *nodes = render(net, "csv-nodes", NULL);
    cr_expect_eq(strncmp(csv, "source,target,id,weight,", 24), 0);
    cr_expect_eq(strchr(csv, '\n')[1], '\0', "the header only");
    cr_expect_str_eq(nodes, "id,label,group,color,mentions,documents,degree,weighted_degree\r\n");
    free(csv);
    free(nodes);
    bytes png = render_bytes(net, "png", NULL), pdf = render_bytes(net, "pdf", NULL);
    cr_expect(png.len > 8 && pdf.len > 8, "a diagram with the caption only");
    free(png.data);
    free(pdf.data);
    ag_network_free(&net);
}

Test(export, unknown_layout)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.layout = "x";
    ag_sink *sink = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_export_svg(net, &opt, sink, &err), AG_EINVAL);
    cr_assert_str_eq(err.message, "unknown layout engine \"x\" (use neato, dot, fdp, sfdp, circo or twopi)");
    cr_assert_eq(ag_sink_data(sink, NULL)[0], '\0', "nothing written");
    cr_assert_eq(ag_export_png(net, &opt, sink, &err), AG_EINVAL);
    cr_assert_eq(ag_export_pdf(net, &opt, sink, &err), AG_EINVAL);
    cr_assert_eq(ag_sink_data(sink, NULL)[0], '\0', "nothing written");
    ag_sink_abort(&sink);
    ag_network_free(&net);
}

Test(export, other_layouts)
{
    ag_network *net = small_network();
    const char *engines[] = {"dot", "fdp", "circo", "twopi"};
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++) {
        ag_export_options opt;
        ag_export_options_init(&opt);
        opt.layout = engines[i];
        char *svg = render(net, "svg", &opt);
        cr_expect(strstr(svg, "</svg>") != NULL, "%s", engines[i]);
        free(svg);
    }
    ag_network_free(&net);
}

/* ------------------------------------------------------------------ sinks */

/* Number of entries in @dir besides . and .., and the first one's name. */
static int dir_entries(const char *dir, char *first, size_t first_size)
{
    DIR *d = opendir(dir);
    cr_assert(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == 0 && first)
            snprintf(first, first_size, "%s", e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

static void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
    free(dir);
}

Test(sink, memory_grows_and_terminates)
{
    ag_sink *s = NULL;
    cr_assert_eq(ag_sink_open_buffer(&s), AG_OK);
    size_t len = 1;
    cr_assert_str_eq(ag_sink_data(s, &len), "");
    cr_assert_eq(len, 0);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(ag_sink_puts(s, "0123456789", NULL), AG_OK);
    cr_assert_eq(ag_sink_write(s, "x", 0, NULL), AG_OK);
    const char *d = ag_sink_data(s, &len);
    cr_assert_eq(len, 10000);
    cr_assert_eq(d[len], '\0');
    cr_assert_eq(memcmp(d + 9990, "0123456789", 10), 0);
    cr_assert_eq(ag_sink_close(&s, NULL), AG_OK);
    cr_assert_null(s);
    ag_sink_abort(&s); /* NULL-safe */
}

Test(sink, file_is_atomic)
{
    char *dir = ag_t_tempdir();
    char path[4096], first[256] = "";
    snprintf(path, sizeof path, "%s/out.json", dir);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK, "%s", err.message);
    cr_assert_null(ag_sink_data(s, NULL));
    cr_assert_eq(ag_sink_puts(s, "hello\n", &err), AG_OK);
    struct stat st;
    cr_assert(stat(path, &st) != 0 && errno == ENOENT, "the target appears only on close");
    cr_assert_eq(dir_entries(dir, first, sizeof first), 1);
    cr_assert(strncmp(first, ".out.json.tmp.", 14) == 0, "temporary beside the target: %s", first);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    cr_assert_null(s);
    char *data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "hello\n");
    free(data);
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0644);
    cr_assert_eq(dir_entries(dir, NULL, 0), 1, "no temporary left");
    /* Replacing an existing file works the same way. */
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK);
    cr_assert_eq(ag_sink_puts(s, "second", &err), AG_OK);
    data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "hello\n", "old content until close");
    free(data);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK);
    data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "second");
    free(data);
    remove_dir(dir);
}

Test(sink, relative_path)
{
    char *dir = ag_t_tempdir();
    char cwd[4096];
    cr_assert(getcwd(cwd, sizeof cwd));
    cr_assert_eq(chdir(dir), 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file("plain.dot", &s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_puts(s, "graph {}\n", &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(access("plain.dot", R_OK), 0);
    cr_assert_eq(chdir(cwd), 0);
    remove_dir(dir);
}

Test(sink, abort_leaves_nothing)
{
    char *dir = ag_t_tempdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/out.svg", dir);
    ag_sink *s = NULL;
    cr_assert_eq(ag_sink_open_file(path, &s, NULL), AG_OK);
    cr_assert_eq(ag_sink_puts(s, "partial", NULL), AG_OK);
    ag_sink_abort(&s);
    cr_assert_null(s);
    cr_assert_eq(dir_entries(dir, NULL, 0), 0, "no target, no temporary");
    /* An existing target is left as it was. */
    cr_assert_eq(ag_t_write_file(path, "old", 3), 0);
    cr_assert_eq(ag_sink_open_file(path, &s, NULL), AG_OK);
    cr_assert_eq(ag_sink_puts(s, "new content", NULL), AG_OK);
    ag_sink_abort(&s);
    char *data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "old");
    free(data);
    cr_assert_eq(dir_entries(dir, NULL, 0), 1);
    remove_dir(dir);
}

Test(sink, errors_name_the_path)
{
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file("/nonexistent-agtest-dir/x.json", &s, &err), AG_EIO);
    cr_assert_null(s);
    cr_assert_str_eq(err.message, "/nonexistent-agtest-dir/x.json: No such file or directory");
    char *dir = ag_t_tempdir();
    cr_assert_eq(ag_sink_open_file(dir, &s, &err), AG_EIO);
    char want[4200];
    snprintf(want, sizeof want, "%s: Is a directory", dir);
    cr_assert_str_eq(err.message, want);
    /* A directory we may not write to (root may write anywhere: skip then). */
    if (geteuid() != 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/x.json", dir);
        cr_assert_eq(chmod(dir, 0555), 0);
        cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_EIO);
        snprintf(want, sizeof want, "%s: Permission denied", path);
        cr_assert_str_eq(err.message, want);
        cr_assert_eq(chmod(dir, 0755), 0);
    }
    cr_assert_eq(dir_entries(dir, NULL, 0), 0);
    remove_dir(dir);
    cr_assert_eq(ag_sink_open_file("", &s, &err), AG_EINVAL);
}

/* A disk that fills up: RLIMIT_FSIZE makes writes past 64 bytes fail with EFBIG. */
Test(sink, write_failure_keeps_target)
{
    ag_network *net = small_network();
    char *dir = ag_t_tempdir();
    char path[4096], want[4200];
    snprintf(path, sizeof path, "%s/out.json", dir);
    cr_assert_eq(ag_t_write_file(path, "old", 3), 0);
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, small = {64, 64};
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK);
    /* The error shows at a write or, buffered, at close: either way it names the file. */
    ag_status st = ag_export_json(net, NULL, s, &err);
    if (st == AG_OK)
        st = ag_sink_close(&s, &err);
    else
        cr_assert_eq(ag_sink_close(&s, &err), AG_EIO, "a failed sink is never renamed");
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
    cr_assert_eq(st, AG_EIO);
    cr_assert_null(s);
    snprintf(want, sizeof want, "%s: %s", path, strerror(EFBIG));
    cr_assert_str_eq(err.message, want);
    char *data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "old");
    free(data);
    cr_assert_eq(dir_entries(dir, NULL, 0), 1, "temporary removed");
    remove_dir(dir);
    ag_network_free(&net);
}

/* `-o /dev/null` or a pipe must be written in place, never replaced by a renamed file. */
Test(sink, fifo_is_written_in_place)
{
    char *dir = ag_t_tempdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/pipe", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    int rd = open(path, O_RDONLY | O_NONBLOCK); /* a reader, so opening for writing does not block */
    cr_assert(rd >= 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_puts(s, "through the pipe", &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    char buf[64] = "";
    ssize_t n = read(rd, buf, sizeof buf - 1);
    close(rd);
    cr_assert_eq(n, 16);
    cr_assert_str_eq(buf, "through the pipe");
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_assert(S_ISFIFO(st.st_mode), "still a FIFO");
    cr_assert_eq(dir_entries(dir, NULL, 0), 1, "no temporary beside it");
    remove_dir(dir);
}

Test(sink, symlink_is_followed)
{
    char *dir = ag_t_tempdir();
    char real[4096], link[4096];
    snprintf(real, sizeof real, "%s/real.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    cr_assert_eq(ag_t_write_file(real, "old", 3), 0);
    cr_assert_eq(symlink("real.json", link), 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(link, &s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_puts(s, "new", &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link stays a link");
    char *data = ag_t_read_file(real, NULL);
    cr_assert_str_eq(data, "new");
    free(data);
    cr_assert_eq(dir_entries(dir, NULL, 0), 2);
    remove_dir(dir);
}

Test(sink, stdout_sink)
{
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file("-", &s, &err), AG_OK);
    cr_assert_null(ag_sink_data(s, NULL));
    cr_assert_eq(ag_sink_write(s, "", 0, &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    cr_assert_null(s);
}

Test(sink, writers_write_files)
{
    ag_network *net = small_network();
    char *dir = ag_t_tempdir();
    size_t n = 0;
    const ag_format *f = ag_export_formats(&n);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/small.%s", dir, f[i].extension);
        ag_sink *s = NULL;
        ag_error err = {0};
        cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK, "%s", err.message);
        cr_assert_eq(f[i].write(net, NULL, s, &err), AG_OK, "%s", err.message);
        cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
        size_t len = 0;
        char *file = ag_t_read_file(path, &len);
        bytes mem = render_bytes(net, f[i].name, NULL);
        cr_assert(file);
        cr_expect(len == mem.len && memcmp(file, mem.data, len) == 0, "%s: file and memory agree", f[i].name);
        free(file);
        free(mem.data);
    }
    cr_assert_eq(dir_entries(dir, NULL, 0), (int)n);
    remove_dir(dir);
    ag_network_free(&net);
}

/* ------------------------------------------------------------ HTML report */

Test(export, golden_html)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = SMALL_TITLE;
    char *out = normalise(render(net, "html", &opt));
    check_golden("small.html", out);
    free(out);
    ag_network_free(&net);
}

Test(export, html_is_self_contained)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = SMALL_TITLE;
    char *out = render(net, "html", &opt);
    /* The title is escaped; nothing is fetched from elsewhere. */
    cr_expect(strstr(out, "<h1>Small &amp; &lt;test&gt;") != NULL);
    cr_expect_null(strstr(out, "src=\"http"), "nothing loaded from the network");
    cr_expect_null(strstr(out, "href=\"http"));
    cr_expect_null(strstr(out, "https://"));
    cr_expect_null(strstr(out, "<script src"));
    cr_expect_null(strstr(out, "<link"));
    /* The JSON block: one, closed by the first </script> after it, no '<' inside. */
    const char *open = strstr(out, "<script type=\"application/json\" id=\"ag-data\">");
    cr_assert(open);
    open = strchr(open, '>') + 1;
    const char *close = strstr(open, "</script>");
    cr_assert(close);
    char *block = strndup(open, (size_t)(close - open));
    cr_expect_null(strchr(block, '<'), "every < in the JSON is \\u003c");
    ag_network *back = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_load_buffer(block, strlen(block), "html", &back, &err), AG_OK, "%s", err.message);
    cr_expect_eq(ag_network_edge_count(back), 3);
    char *again = render(back, "json", NULL), *orig = render(net, "json", NULL);
    cr_expect_str_eq(again, orig, "the embedded JSON is the network JSON");
    free(again);
    free(orig);
    ag_network_free(&back);
    free(block);
    /* The SVG is inline, without its XML prolog. */
    cr_expect(strstr(out, "<section id=\"diagram\" aria-label=\"Diagram\">\n<svg ") != NULL);
    cr_expect_null(strstr(out, "<?xml"));
    cr_expect_null(strstr(out, "<!DOCTYPE svg"));
    free(out);
    ag_network_free(&net);
}

/* ------------------------------------------------------------ JSON styles */

Test(export, json_styles)
{
    ag_json_style style = AG_JSON_GRAPHOLOGY;
    cr_assert_eq(ag_json_style_parse("node-link", &style), AG_OK);
    cr_assert_eq(style, AG_JSON_NODE_LINK);
    cr_assert_eq(ag_json_style_parse("cytoscape", &style), AG_OK);
    cr_assert_eq(style, AG_JSON_CYTOSCAPE);
    cr_assert_eq(ag_json_style_parse("graphology", &style), AG_OK);
    cr_assert_eq(style, AG_JSON_GRAPHOLOGY);
    cr_assert_eq(ag_json_style_parse("d3", &style), AG_EINVAL);
    cr_assert_eq(ag_json_style_parse(NULL, &style), AG_EINVAL);
    cr_assert_eq(style, AG_JSON_GRAPHOLOGY, "unchanged on failure");
    ag_export_options opt;
    memset(&opt, 0xff, sizeof opt);
    ag_export_options_init(&opt);
    cr_assert_eq(opt.json_style, AG_JSON_NODE_LINK);

    ag_network *net = small_network();
    opt.json_style = AG_JSON_CYTOSCAPE;
    char *cy = render(net, "json", &opt);
    json_object *c = json_tokener_parse(cy);
    cr_assert(c, "cytoscape JSON parses");
    json_object *elements = NULL, *edges = NULL, *nodes = NULL, *data = NULL, *v = NULL;
    cr_assert(json_object_object_get_ex(c, "elements", &elements));
    cr_assert(json_object_object_get_ex(elements, "nodes", &nodes));
    cr_assert(json_object_object_get_ex(elements, "edges", &edges));
    cr_expect_eq(json_object_array_length(nodes), 4);
    cr_expect_eq(json_object_array_length(edges), 3);
    cr_assert(json_object_object_get_ex(json_object_array_get_idx(edges, 0), "data", &data));
    cr_assert(json_object_object_get_ex(data, "id", &v));
    cr_expect_str_eq(json_object_get_string(v), "China--Pakistan");
    cr_expect(json_object_object_get_ex(data, "evidence", &v));
    json_object_put(c);
    free(cy);

    opt.json_style = AG_JSON_GRAPHOLOGY;
    char *gr = render(net, "json", &opt);
    json_object *g = json_tokener_parse(gr);
    cr_assert(g, "graphology JSON parses");
    cr_assert(json_object_object_get_ex(g, "edges", &edges));
    cr_assert(json_object_object_get_ex(g, "nodes", &nodes));
    cr_expect_eq(json_object_array_length(nodes), 4);
    json_object *e0 = json_object_array_get_idx(edges, 0), *attrs = NULL;
    cr_assert(json_object_object_get_ex(e0, "key", &v));
    cr_expect_str_eq(json_object_get_string(v), "China--Pakistan");
    cr_assert(json_object_object_get_ex(e0, "undirected", &v));
    cr_expect(json_object_get_boolean(v));
    cr_assert(json_object_object_get_ex(e0, "attributes", &attrs));
    cr_expect_not(json_object_object_get_ex(attrs, "source", &v), "source is not repeated in attributes");
    cr_expect(json_object_object_get_ex(attrs, "weight", &v));
    json_object_put(g);
    free(gr);
    ag_network_free(&net);
}
